// Whether a partition's fetches are still coming back: read from the
// statistics librdkafka emits, not from its cached end offsets.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace hot {

/// librdkafka refreshes a partition's cached end offset only from fetch
/// responses. While its leader's fetches stall (a broker that hangs, a
/// network that drops), the cache says "caught up" at an end that has
/// moved on, and a partition's stream time must not follow the clock.
///
/// Each statistics document (STATISTICS.md: `brokers.*.nodeid`,
/// `brokers.*.req.Fetch`, `topics.*.partitions.*.leader`) says how many
/// fetch requests each broker was sent. librdkafka sends a broker its
/// next fetch only when the last one came back, so a count that stands
/// still for `stall_after` means the fetches stall.
///
/// Written by the thread that polls the consumer, read by the partition
/// actors.
class fetch_health {
public:
  using clock = std::chrono::steady_clock;

  explicit fetch_health(std::chrono::milliseconds stall_after);

  /// Reads one statistics document; false (and nothing changes) when it
  /// is not one.
  bool update(std::string_view stats_json, clock::time_point now);

  /// Whether the partition's leader answered a fetch within `stall_after`
  /// of `now`. True while no statistics arrived at all (they are off:
  /// `statistics.interval.ms=0`); false for a partition whose leader the
  /// statistics do not know yet.
  bool fetching(const std::string& topic, int32_t partition,
                clock::time_point now) const;

private:
  struct broker {
    int64_t fetches = -1;
    clock::time_point changed_at;
  };

  std::chrono::milliseconds stall_after_;
  mutable std::mutex mutex_;
  bool any_ = false;
  std::map<int64_t, broker> brokers_;
  std::map<std::pair<std::string, int32_t>, int64_t> leaders_;
};

} // namespace hot
