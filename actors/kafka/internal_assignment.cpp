// Internal partitions on assignment: their ranking tasks claim them in
// Redis, then each starts early enough to rebuild its task's open days and
// replays up to where the partition ended when it was assigned. A task
// fenced while the group still assigns its partition here starts so again.
#include <map>
#include <vector>

#include "actors/kafka/kafka_error.hpp"
#include "actors/kafka/partition_assignment.hpp"
#include "common/logger.hpp"

namespace hot {

// Internal partitions get their ranking tasks first: each task's claim in
// Redis tells from which day its state must be rebuilt. The claims go out
// together and the start offsets are searched together: one partition at
// a time, a restart spent seconds here.
bool partition_assignment::assign_internal(
  const std::vector<rd_kafka_topic_partition_t*>& parts, bool seek) {
  const auto& setup = setup_;
  if (parts.empty())
    return true;
  if (sources_.empty())
    sources_ = source_partitions();
  if (sources_.empty())
    return false;
  struct claimed {
    rd_kafka_topic_partition_t* tp;
    directory_actor directory;
    std::vector<shard_actor> shards;
    day_key sealed;
  };
  caf::scoped_actor blocking{owner_->system()};
  auto timeout = setup.settings.drain_timeout;
  using claim_handle = decltype(blocking->request(
    setup.tasks, timeout, claim_atom_v, int32_t{}, sources_));
  std::vector<claim_handle> pending;
  for (auto* tp : parts)
    pending.push_back(blocking->request(setup.tasks, timeout, claim_atom_v,
                                        tp->partition, sources_));
  std::vector<claimed> tasks;
  bool all_claimed = true;
  for (size_t i = 0; i < parts.size(); ++i) {
    auto* tp = parts[i];
    pending[i].receive(
      [&](directory_actor& directory, std::vector<shard_actor>& shards,
          day_key sealed) {
        tasks.push_back({tp, std::move(directory), std::move(shards), sealed});
      },
      [&](caf::error& err) {
        all_claimed = false;
        HOT_LOG_ERROR("kafka", "cannot claim " << tp->topic << "/"
                                               << tp->partition << " in Redis "
                                               << "within kafka.drain-timeout: "
                                               << describe_kafka(err));
      });
  }
  // Tasks whose lists are final through the same day replay from the same
  // instant: one search each.
  std::map<day_key, std::vector<const claimed*>> by_sealed;
  for (const auto& t : tasks)
    by_sealed[t.sealed].push_back(&t);
  for (const auto& [sealed, group] : by_sealed) {
    auto replay_from = setup.calendar.start_of(sealed.next())
                       - setup.clock_skew;
    auto list = make_partition_list(static_cast<int>(group.size()));
    for (const auto* t : group)
      rd_kafka_topic_partition_list_add(list.get(), t->tp->topic,
                                        t->tp->partition);
    auto starts = choose_start_offsets(consumer_.handle(), list.get(),
                                       replay_from, timeout, client_properties_,
                                       start_rule::rebuild_open_days);
    for (size_t i = 0; i < group.size(); ++i) {
      const auto& t = *group[i];
      const auto& s = starts[i];
      t.tp->offset = list->elems[i].offset;
      // The replay ends where the partition ended when it was assigned:
      // what its former owner can have stored lies before that.
      if (s.end < 0)
        HOT_LOG_WARN("kafka", s.partition.to_string()
                                << ": end offset unknown, publishing without "
                                   "waiting for the replay");
      HOT_LOG_INFO("kafka", "assigned "
                              << s.partition.to_string() << ": committed "
                              << offset_text(s.committed) << ", open days from "
                              << offset_text(s.day_start) << ", replaying "
                              << s.start << " to " << s.end);
      if (seek) {
        // Before its actor starts: what was fetched from the old position
        // must not reach the new task.
        auto at = make_partition_list(1);
        rd_kafka_topic_partition_list_add(at.get(), t.tp->topic,
                                          t.tp->partition)
          ->offset
          = t.tp->offset;
        if (auto err = consumer_.seek(*at, timeout)) {
          HOT_LOG_ERROR("kafka", s.partition.to_string()
                                   << ": " << describe_kafka(err));
          all_claimed = false;
          continue;
        }
      }
      partition_setup ps;
      ps.shards = t.shards;
      ps.directory = t.directory;
      ps.sources = sources_;
      ps.replay_end = s.end;
      // Records this build cannot read (a newer version's) go to the
      // dead-letter topic too.
      ps.on_rejected = setup_.on_rejected;
      start_partition(s, std::move(ps), true);
    }
  }
  return all_claimed;
}

void partition_assignment::reclaim(int32_t partition) {
  const auto& setup = setup_;
  partition_ref ref{setup.rekey.topic, partition};
  auto it = partitions_.find(ref);
  if (it == partitions_.end() || !it->second.internal)
    return;
  // A member the group dropped, or one a rebalance is taking the
  // partition from, must not claim it back from the real owner.
  if (!consumer_.still_assigned(ref.topic, ref.partition)) {
    HOT_LOG_INFO("kafka", ref.to_string() << " is fenced and no longer "
                                             "assigned here: waiting for "
                                             "the revoke");
    return;
  }
  HOT_LOG_WARN("kafka", ref.to_string()
                          << " is fenced by a newer claim, but the group "
                             "still assigns it here: claiming it again");
  // Its barriers fail while fenced, so there is nothing to commit.
  caf::scoped_actor blocking{owner_->system()};
  blocking
    ->request(it->second.actor, setup.settings.drain_timeout, drain_atom_v)
    .receive([](int64_t) {}, [](caf::error&) {});
  stop_partition(it);
  auto list = make_partition_list(1);
  auto* tp = rd_kafka_topic_partition_list_add(list.get(), ref.topic.c_str(),
                                               ref.partition);
  // Back to the start of the task's open days: the new task replays them.
  if (!assign_internal({tp}, true))
    owner_->quit(caf::make_error(kafka_errc::task_lost,
                                 "an internal partition could not be claimed "
                                 "again"));
}

} // namespace hot
