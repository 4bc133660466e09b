// What the Redis writer actor keeps: its queue, its connection, what it
// stored, and its figures.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <caf/typed_response_promise.hpp>
#include <caf/weak_intrusive_ptr.hpp>

#include "actors/introspection/actor_meter.hpp"
#include "actors/redis/connection_pool.hpp"
#include "actors/redis/partial_store.hpp"
#include "actors/redis/redis_settings.hpp"
#include "actors/redis/stored_days.hpp"
#include "actors/redis/write_coalescing.hpp"
#include "actors/redis/write_queue.hpp"
#include "messages/pipeline_messages.hpp"

namespace hot {

struct redis_writer_state {
  static inline const char* name = "redis_writer";

  using promise = caf::typed_response_promise<caf::ok_atom>;
  using claim_promise = caf::typed_response_promise<partition_claim>;
  using queue_type = write_queue<promise, claim_promise>;

  redis_settings settings;
  partial_layout layout;
  /// The internal partition whose partials this writer stores.
  int32_t partition = 0;
  /// The owner epoch every write carries; 0 until claimed.
  uint64_t epoch = 0;
  /// The task replays its open days: writes are kept, not written.
  bool held = false;
  /// When a claim still queued here is dropped unwritten.
  std::optional<std::chrono::steady_clock::time_point> claim_deadline;
  /// A newer owner holds the partition: everything is refused from then on.
  bool fenced = false;
  uint64_t newer_epoch = 0;
  /// Writes and barriers refused for a newer owner: by Redis, or here once
  /// this writer knows it is fenced.
  uint64_t fenced_writes = 0;
  /// The same count for the whole instance: it outlives this writer when
  /// the partition moves on.
  std::shared_ptr<std::atomic<uint64_t>> instance_fenced_writes;
  /// The instance's connections, one lent to this writer per round trip.
  std::shared_ptr<connection_pool> connections;
  /// The pool's `losses()` when this writer last wrote back what it stored.
  uint64_t seen_losses = 0;
  /// The last round trip or connect attempt reached Redis.
  bool connected = false;
  /// What waits to be written, each with whoever waits for it.
  queue_type queue;
  std::vector<promise> barriers;
  /// An edit or seal marker that Redis refused (not for a fence): every
  /// later barrier fails, so the offsets behind it are never committed
  /// and the replay after a restart applies it again.
  std::string failed_since_barrier;
  /// What is stored, written again after the connection is lost.
  stored_days stored;
  /// The ranking of each open day this writer wrote, which holds the
  /// day's board lists and writes them again when told Redis may have lost
  /// them (`stored` keeps only the sealed days' boards).
  std::map<day_key, caf::weak_actor_ptr> open_rankings;
  /// Days whose final list is stored: a live list must not replace it.
  day_key last_final;
  /// Sealed days whose final partial was full when this writer received
  /// it: the partition may rank more articles than it kept.
  std::set<day_key> sealed_full;
  /// Deletes that left such a partial short of a list: the partition could
  /// not refill its place (see docs/design.md, "Reserve").
  uint64_t refill_exhausted = 0;
  std::chrono::milliseconds backoff{0};
  bool retry_armed = false;
  /// A loopback round trip takes about a millisecond: holding a write two
  /// lets the requests queued meanwhile join it, and keeps lists fresh.
  write_coalescing coalescing{std::chrono::milliseconds{2}};
  uint64_t connect_attempts = 0;
  uint64_t lists_written = 0;
  uint64_t board_lists_written = 0;
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

} // namespace hot
