// Plays the partition actors' part without Kafka: decodes a partitioned
// stream and routes each event to the ranking task that owns its article,
// interleaving the source partitions at random.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <vector>

#include <caf/all.hpp>

#include "messages/day_calendar.hpp"
#include "messages/event_decoder.hpp"
#include "messages/interfaces.hpp"
#include "tests/support/adversarial_stream.hpp"

namespace hot::test {

/// One internal partition's ranking task, as the feeder sees it.
struct feeder_task {
  directory_actor directory;
  std::vector<shard_actor> shards;
};

/// Claims internal partitions 0 .. `partitions` - 1 from `tasks`, each
/// waiting for watermarks of `sources`; throws when a claim fails.
std::vector<feeder_task>
claim_all(caf::actor_system& sys, const ranking_tasks_actor& tasks,
          int32_t partitions, const std::vector<partition_ref>& sources);

class stream_feeder {
public:
  /// `tasks[p]` owns the articles of internal partition p. With a
  /// `compaction` calendar each chunk is compacted as a source partition
  /// compacts its pull's copies (`kafka.compact-copies`).
  stream_feeder(caf::actor_system& sys, std::vector<feeder_task> tasks,
                uint64_t seed,
                std::optional<day_calendar> compaction = std::nullopt);

  /// Feeds every message, each partition in order, partitions interleaved
  /// in random chunks (pulls); waits until the shards applied everything.
  /// Returns how many messages failed to decode.
  size_t feed(const partitioned_stream& stream);

  /// Tells every task that every partition fed so far has reached `at`.
  void advance_stream_time(instant at);

  /// Waits until every effect of what was fed is stored in Redis.
  void barrier();

private:
  std::vector<published_event>
  copies_of(std::vector<published_event> chunk) const;

  caf::scoped_actor self_;
  std::vector<feeder_task> tasks_;
  std::mt19937_64 rng_;
  event_decoder decoder_;
  std::set<partition_ref> seen_;
  std::optional<day_calendar> compaction_;
};

} // namespace hot::test
