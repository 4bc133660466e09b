// Plays the partition actors' part without Kafka: decodes and routes a
// partitioned stream to the shards, interleaving partitions at random.
#include "tests/support/stream_feeder.hpp"

#include <stdexcept>

#include "actors/routing.hpp"

namespace hot::test {

namespace {

constexpr auto timeout = std::chrono::seconds{60};

} // namespace

stream_feeder::stream_feeder(caf::actor_system& sys,
                             std::vector<shard_actor> shards,
                             directory_actor directory, uint64_t seed)
  : self_(sys),
    shards_(std::move(shards)),
    directory_(std::move(directory)),
    rng_(seed) {
}

size_t stream_feeder::feed(const partitioned_stream& stream) {
  size_t rejected = 0;
  std::vector<size_t> next(stream.partitions.size(), 0);
  std::vector<size_t> open;
  for (size_t i = 0; i < stream.partitions.size(); ++i) {
    if (!stream.partitions[i].empty()) {
      open.push_back(i);
      seen_.insert(stream.partitions[i].front().partition);
    }
  }
  auto shard_count = static_cast<uint32_t>(shards_.size());
  while (!open.empty()) {
    auto pick = std::uniform_int_distribution<size_t>{0, open.size() - 1}(rng_);
    auto p = open[pick];
    const auto& partition = stream.partitions[p];
    auto chunk = std::uniform_int_distribution<size_t>{1, 40}(rng_);
    std::vector<event_batch> batches(shard_count);
    for (; chunk > 0 && next[p] < partition.size(); --chunk, ++next[p]) {
      const auto& msg = partition[next[p]];
      auto decoded = decoder_.decode(msg.value);
      if (!decoded) {
        ++rejected;
        continue;
      }
      auto target = shard_of(decoded->article, shard_count);
      batches[target].events.push_back(
        published_event{std::move(*decoded), msg.published});
    }
    if (next[p] == partition.size())
      open.erase(open.begin() + static_cast<std::ptrdiff_t>(pick));
    // Each shard gets its part of the chunk, in partition order.
    for (uint32_t i = 0; i < shard_count; ++i) {
      if (batches[i].events.empty())
        continue;
      self_->request(shards_[i], timeout, std::move(batches[i]))
        .receive([](const batch_outcome&) {},
                 [](caf::error& err) {
                   throw std::runtime_error("shard failed: "
                                            + caf::to_string(err));
                 });
    }
  }
  return rejected;
}

void stream_feeder::advance_stream_time(instant at) {
  for (const auto& ref : seen_)
    self_->send(directory_, progress_atom_v, ref, at);
}

void stream_feeder::barrier() {
  self_->request(directory_, timeout, barrier_atom_v)
    .receive([](caf::ok_atom) {},
             [](caf::error& err) {
               throw std::runtime_error("barrier failed: "
                                        + caf::to_string(err));
             });
}

} // namespace hot::test
