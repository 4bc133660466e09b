// The Redis writer actor: the only writer of the day lists.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/actor_meter.hpp"
#include "actors/io/lease_fence.hpp"
#include "actors/io/redis_connection.hpp"
#include "actors/settings.hpp"
#include "actors/state/stored_days.hpp"
#include "messages/interfaces.hpp"

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
    std::optional<caf::typed_response_promise<day_key>> read_sealed;
    std::optional<day_key> marker; // set for a sealed-through write
  };

  redis_settings settings;
  uint32_t list_size = 10;
  /// Asked before each write round; none: always writable.
  std::shared_ptr<const lease_fence> fence;
  /// Writes are waiting for the lease to be confirmed.
  bool held_for_lease = false;
  uint64_t lease_holds = 0;
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

/// Owns the Redis connection. Every request is answered only once what it
/// asked for is stored; while Redis is unreachable it keeps the newest list
/// of each day (older ones are superseded), retries with exponential
/// backoff and reconnects. It remembers what it stored (`stored_days`):
/// edits of those days are folded into the day's list, and whenever the
/// connection is lost every remembered list and the sealed-through marker
/// are written again, so a Redis that restarted empty gets them back.
/// Barriers wait for that too. While `fence` is not writable (the instance
/// lease is not confirmed) nothing is written and no barrier is answered:
/// everything stays pending until the lease keeper confirms the lease again.
/// Spawn it detached: hiredis calls block.
redis_writer_actor::behavior_type
redis_writer(redis_writer_actor::stateful_pointer<redis_writer_state> self,
             redis_settings settings, uint32_t list_size,
             std::shared_ptr<const lease_fence> fence);

} // namespace hot
