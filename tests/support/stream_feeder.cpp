// Plays the partition actors' part without Kafka: decodes a partitioned
// stream and routes each event to the ranking task that owns its article,
// interleaving the source partitions at random.
#include "tests/support/stream_feeder.hpp"

#include <stdexcept>

#include "actors/kafka/copy_compaction.hpp"
#include "messages/by_article.hpp"
#include "messages/routing.hpp"

namespace hot::test {

namespace {

constexpr auto timeout = std::chrono::seconds{60};

} // namespace

std::vector<feeder_task>
claim_all(caf::actor_system& sys, const ranking_tasks_actor& tasks,
          int32_t partitions, const std::vector<partition_ref>& sources) {
  caf::scoped_actor self{sys};
  std::vector<feeder_task> out;
  for (int32_t p = 0; p < partitions; ++p)
    self->request(tasks, timeout, claim_atom_v, p, sources)
      .receive(
        [&](directory_actor& directory, std::vector<shard_actor>& shards,
            day_key) {
          // The feeder starts where its partitions end: nothing to replay.
          self->send(directory, publish_atom_v);
          out.push_back(feeder_task{std::move(directory), std::move(shards)});
        },
        [&](caf::error& err) {
          throw std::runtime_error("claim failed: " + caf::to_string(err));
        });
  return out;
}

stream_feeder::stream_feeder(caf::actor_system& sys,
                             std::vector<feeder_task> tasks, uint64_t seed,
                             std::optional<day_calendar> compaction)
  : self_(sys),
    tasks_(std::move(tasks)),
    rng_(seed),
    compaction_(std::move(compaction)) {
}

// The chunk's valid events, compacted as a source partition's pull is when
// the feeder has a calendar.
std::vector<published_event>
stream_feeder::copies_of(std::vector<published_event> chunk) const {
  if (!compaction_)
    return chunk;
  std::vector<copy_candidate> candidates;
  for (const auto& item : chunk)
    candidates.push_back(copy_candidate{item.ev.article, item.ev.type,
                                        item.ev.id, item.published});
  std::vector<published_event> out;
  for (const auto& kept : surviving_copies(candidates, *compaction_))
    out.push_back(
      published_event{std::move(chunk[kept.index].ev), kept.published});
  return out;
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
  auto task_count = static_cast<int32_t>(tasks_.size());
  while (!open.empty()) {
    auto pick = std::uniform_int_distribution<size_t>{0, open.size() - 1}(rng_);
    auto p = open[pick];
    const auto& partition = stream.partitions[p];
    auto chunk = std::uniform_int_distribution<size_t>{1, 40}(rng_);
    // Per task, per shard: the chunk's events in partition order.
    std::vector<std::vector<event_batch>> batches(tasks_.size());
    for (size_t t = 0; t < tasks_.size(); ++t)
      batches[t].resize(tasks_[t].shards.size());
    std::vector<published_event> pulled;
    for (; chunk > 0 && next[p] < partition.size(); --chunk, ++next[p]) {
      const auto& msg = partition[next[p]];
      auto decoded = decoder_.decode(msg.value);
      if (!decoded) {
        ++rejected;
        continue;
      }
      pulled.push_back(published_event{std::move(*decoded), msg.published});
    }
    for (auto& item : copies_of(std::move(pulled))) {
      auto task = static_cast<size_t>(
        by_article_partition(item.ev.article, task_count));
      auto shard_count = static_cast<uint32_t>(tasks_[task].shards.size());
      auto target = shard_of(item.ev.article, shard_count);
      batches[task][target].events.push_back(std::move(item));
    }
    if (next[p] == partition.size())
      open.erase(open.begin() + static_cast<std::ptrdiff_t>(pick));
    for (size_t t = 0; t < tasks_.size(); ++t) {
      for (size_t i = 0; i < batches[t].size(); ++i) {
        if (batches[t][i].events.empty())
          continue;
        self_->request(tasks_[t].shards[i], timeout, std::move(batches[t][i]))
          .receive([](const batch_outcome&) {},
                   [](caf::error& err) {
                     throw std::runtime_error("shard failed: "
                                              + caf::to_string(err));
                   });
      }
    }
  }
  return rejected;
}

void stream_feeder::advance_stream_time(instant at) {
  for (const auto& task : tasks_)
    for (const auto& ref : seen_)
      self_->send(task.directory, progress_atom_v, ref, at);
}

void stream_feeder::barrier() {
  for (const auto& task : tasks_)
    self_->request(task.directory, timeout, barrier_atom_v)
      .receive([](caf::ok_atom) {},
               [](caf::error& err) {
                 throw std::runtime_error("barrier failed: "
                                          + caf::to_string(err));
               });
}

} // namespace hot::test
