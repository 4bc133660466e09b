// The Redis writer actor: the only writer of the day lists.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "introspection/actor_meter.hpp"
#include "messages/interfaces.hpp"
#include "redis/partial_store.hpp"
#include "redis/redis_connection.hpp"
#include "redis/redis_settings.hpp"
#include "redis/stored_days.hpp"

namespace hot {

struct redis_writer_state {
  static inline const char* name = "redis_writer";

  using promise = caf::typed_response_promise<caf::ok_atom>;

  /// The newest list of a day not yet stored, and everyone waiting for it.
  struct pending_list {
    list_snapshot snapshot;
    std::vector<promise> waiting;
    /// Set when the write repeats a stored list (an edit, a restore): the
    /// keys keep the expiry they had. None: a new list, full TTL.
    std::optional<stored_days::clock::time_point> expires_at;
    /// Sealed-day edits folded into this write.
    uint32_t edits = 0;
  };

  /// Edits of days this process did not store, and marker writes, stored
  /// in arrival order.
  struct pending_op {
    redis_command command;
    std::string what; // names the write in logs
    std::optional<promise> done;
    std::optional<caf::typed_response_promise<partition_claim>> claim;
    std::optional<day_key> marker; // set for a seal marker write
  };

  redis_settings settings;
  partial_layout layout;
  /// The internal partition whose partials this writer stores.
  int32_t partition = 0;
  /// The owner epoch every write carries; 0 until claimed.
  uint64_t epoch = 0;
  /// A newer owner holds the partition: everything is refused from then on.
  bool fenced = false;
  uint64_t newer_epoch = 0;
  /// Writes and barriers refused for a newer owner: by Redis, or here once
  /// this writer knows it is fenced.
  uint64_t fenced_writes = 0;
  /// The same count for the whole instance: it outlives this writer when
  /// the partition moves on.
  std::shared_ptr<std::atomic<uint64_t>> instance_fenced_writes;
  std::optional<redis_connection> connection;
  std::map<day_key, pending_list> lists;
  std::deque<pending_op> ops;
  std::vector<promise> barriers;
  /// What is stored, written again after the connection is lost.
  stored_days stored;
  /// Days whose final list is stored: a live list must not replace it.
  day_key last_final;
  std::chrono::milliseconds backoff{0};
  bool retry_armed = false;
  uint64_t connect_attempts = 0;
  uint64_t lists_written = 0;
  uint64_t edits_written = 0;
  uint64_t round_trips = 0;
  uint64_t write_errors = 0;
  uint64_t connection_errors = 0;
  uint64_t restores = 0;
  uint64_t lists_restored = 0;
  std::chrono::nanoseconds last_latency{0};
  /// The slowest round trip since the start.
  std::chrono::nanoseconds max_latency{0};
  std::string last_error;
  actor_meter meter;
};

/// Owns one internal partition's Redis connection. Its first request
/// claims the partition (raises its owner epoch); every write after that
/// is a partial list of the partition, or an edit or seal marker of one,
/// run by the script that checks the epoch and merges the served list.
/// Every request is answered only once what it asked for is stored; while
/// Redis is unreachable it keeps the newest list of each day (older ones
/// are superseded), retries with exponential backoff and reconnects. It
/// remembers what it stored (`stored_days`): edits of those days are folded
/// into the day's list, and whenever the connection is lost every
/// remembered list and the seal marker are written again, so a Redis that
/// restarted empty gets them back. Barriers wait for that too. A write
/// refused because a newer owner raised the epoch fails, and from then on
/// so does every request: this instance no longer owns the partition.
/// Spawn it detached: hiredis calls block.
redis_writer_actor::behavior_type
redis_writer(redis_writer_actor::stateful_pointer<redis_writer_state> self,
             redis_settings settings, partial_layout layout, int32_t partition,
             std::shared_ptr<std::atomic<uint64_t>> fenced_writes = {});

} // namespace hot
