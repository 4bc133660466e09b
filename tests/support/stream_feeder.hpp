// Plays the partition actors' part without Kafka: decodes and routes a
// partitioned stream to the shards, interleaving partitions at random.
#pragma once

#include <cstdint>
#include <random>
#include <set>
#include <vector>

#include <caf/all.hpp>

#include "messages/event_decoder.hpp"
#include "messages/interfaces.hpp"
#include "tests/support/adversarial_stream.hpp"

namespace hot::test {

class stream_feeder {
public:
  stream_feeder(caf::actor_system& sys, std::vector<shard_actor> shards,
                directory_actor directory, uint64_t seed);

  /// Feeds every message, each partition in order, partitions interleaved
  /// in random chunks; waits until the shards applied everything. Returns
  /// how many messages failed to decode.
  size_t feed(const partitioned_stream& stream);

  /// Tells the directory every partition fed so far has reached `at`.
  void advance_stream_time(instant at);

  /// Waits until every effect of what was fed is stored in Redis.
  void barrier();

private:
  caf::scoped_actor self_;
  std::vector<shard_actor> shards_;
  directory_actor directory_;
  std::mt19937_64 rng_;
  event_decoder decoder_;
  std::set<partition_ref> seen_;
};

} // namespace hot::test
