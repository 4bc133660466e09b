// What the Kafka source does as partitions come and go: queues and actors
// per partition, start offsets, drains and commits.
#include "kafka/kafka_assignment.hpp"

#include <optional>
#include <tuple>

#include "common/logger.hpp"
#include "kafka/kafka_error.hpp"
#include "kafka/kafka_feed.hpp"
#include "kafka/start_offsets.hpp"

namespace hot::assignment {

namespace {

void on_queue_filled(rd_kafka_t*, void* opaque) {
  // Runs on a librdkafka thread: only a message, nothing else.
  auto* target = static_cast<kafka_source_state::wakeup_target*>(opaque);
  caf::anon_send(target->actor, wake_atom_v);
}

void notify_committed(source_ptr self,
                      const rd_kafka_topic_partition_list_t& offsets) {
  auto& st = self->state;
  for (int i = 0; i < offsets.cnt; ++i) {
    const auto& tp = offsets.elems[i];
    if (tp.err != RD_KAFKA_RESP_ERR_NO_ERROR || tp.offset < 0)
      continue;
    auto it = st.partitions.find(partition_ref{tp.topic, tp.partition});
    if (it == st.partitions.end())
      continue;
    it->second.committed = std::max(it->second.committed, tp.offset);
    self->send(it->second.actor, committed_atom_v, tp.offset);
  }
}

// Every partition of the source topics, from the brokers' metadata; empty
// unless every topic answered, since a ranking task that waited for the
// watermarks of only some of them could seal a day too early.
std::vector<partition_ref> source_partitions(source_ptr self) {
  auto& st = self->state;
  std::vector<partition_ref> out;
  for (const auto& topic : st.setup->settings.topics()) {
    auto found = st.consumer.partitions_of(topic,
                                           st.setup->settings.drain_timeout);
    if (!found) {
      HOT_LOG_ERROR("kafka", describe_kafka(found.error()));
      return {};
    }
    if (found->empty()) {
      HOT_LOG_ERROR("kafka", "topic " << topic << " has no partitions");
      return {};
    }
    for (auto partition : *found)
      out.push_back(partition_ref{topic, partition});
  }
  return out;
}

std::string shown(int64_t offset) {
  if (offset >= 0)
    return std::to_string(offset);
  return offset == RD_KAFKA_OFFSET_INVALID ? "none" : "log start";
}

// Gives the partition its own queue and actor; assigned afterwards.
void start_partition(source_ptr self, const start_offset& s, partition_setup ps,
                     bool internal) {
  auto& st = self->state;
  auto queue = st.consumer.partition_queue(s.partition.topic,
                                           s.partition.partition);
  ps.partition = s.partition;
  ps.feed = std::make_shared<kafka_feed>(st.consumer.handle(), queue.get(),
                                         s.partition.topic,
                                         s.partition.partition);
  ps.start_offset = s.start;
  ps.committed_offset = s.committed;
  ps.settings = st.setup->settings;
  // Linked: a partition that fails takes the source down with it.
  auto actor = self->spawn<caf::linked>(partition, std::move(ps));
  auto wakeup = std::make_unique<kafka_source_state::wakeup_target>(
    kafka_source_state::wakeup_target{actor});
  rd_kafka_queue_cb_event_enable(queue.get(), on_queue_filled, wakeup.get());
  st.partitions.emplace(
    s.partition, kafka_source_state::assigned_partition{actor, std::move(queue),
                                                        std::move(wakeup),
                                                        s.committed, internal});
}

// Source partitions hold no state: they resume where their copies are
// acknowledged, or at the oldest open day when nothing was committed.
void assign_sources(source_ptr self, rd_kafka_topic_partition_list_t* parts) {
  auto& st = self->state;
  auto& setup = *st.setup;
  if (parts->cnt == 0)
    return;
  auto replay_from = setup.calendar.start_of(setup.sealed_through.next())
                     - setup.clock_skew;
  auto starts = choose_start_offsets(st.consumer.handle(), parts, replay_from,
                                     setup.settings.drain_timeout,
                                     st.client_properties,
                                     start_rule::resume_committed);
  for (const auto& s : starts) {
    HOT_LOG_INFO("kafka", "assigned " << s.partition.to_string()
                                      << ": committed " << shown(s.committed)
                                      << ", starting at " << s.start);
    partition_setup ps;
    ps.rekey = setup.rekey;
    ps.on_rejected = setup.on_rejected;
    start_partition(self, s, std::move(ps), false);
  }
}

// An internal partition gets its ranking task first: the task's claim in
// Redis tells from which day its state must be rebuilt.
bool assign_internal(source_ptr self, rd_kafka_topic_partition_t& tp) {
  auto& st = self->state;
  auto& setup = *st.setup;
  if (st.sources.empty())
    st.sources = source_partitions(self);
  if (st.sources.empty())
    return false;
  caf::scoped_actor blocking{self->system()};
  std::optional<std::tuple<directory_actor, std::vector<shard_actor>, day_key>>
    task;
  blocking
    ->request(setup.tasks, setup.settings.drain_timeout, claim_atom_v,
              tp.partition, st.sources)
    .receive(
      [&](directory_actor& directory, std::vector<shard_actor>& shards,
          day_key sealed) {
        task.emplace(std::move(directory), std::move(shards), sealed);
      },
      [&](caf::error& err) {
        HOT_LOG_ERROR("kafka", "cannot claim " << tp.topic << "/"
                                               << tp.partition << " in Redis "
                                               << "within kafka.drain-timeout: "
                                               << describe_kafka(err));
      });
  if (!task)
    return false;
  auto& [directory, shards, sealed] = *task;
  auto replay_from = setup.calendar.start_of(sealed.next()) - setup.clock_skew;
  auto one = make_partition_list(1);
  rd_kafka_topic_partition_list_add(one.get(), tp.topic, tp.partition);
  auto starts = choose_start_offsets(st.consumer.handle(), one.get(),
                                     replay_from, setup.settings.drain_timeout,
                                     st.client_properties,
                                     start_rule::rebuild_open_days);
  tp.offset = one->elems[0].offset;
  const auto& s = starts.front();
  HOT_LOG_INFO("kafka", "assigned " << s.partition.to_string() << ": committed "
                                    << shown(s.committed) << ", open days from "
                                    << shown(s.day_start) << ", starting at "
                                    << s.start);
  partition_setup ps;
  ps.shards = std::move(shards);
  ps.directory = std::move(directory);
  start_partition(self, s, std::move(ps), true);
  return true;
}

void on_assign(source_ptr self, rd_kafka_topic_partition_list_t* parts) {
  auto& st = self->state;
  auto& setup = *st.setup;
  auto sources = make_partition_list(parts->cnt);
  bool claimed = true;
  for (int i = 0; i < parts->cnt; ++i) {
    auto& tp = parts->elems[i];
    if (setup.rekey.topic == tp.topic)
      claimed = assign_internal(self, tp) && claimed;
    else
      rd_kafka_topic_partition_list_add(sources.get(), tp.topic, tp.partition);
  }
  assign_sources(self, sources.get());
  // The chosen offsets go with the assignment.
  for (int i = 0; i < sources->cnt; ++i)
    if (auto* tp = rd_kafka_topic_partition_list_find(
          parts, sources->elems[i].topic, sources->elems[i].partition))
      tp->offset = sources->elems[i].offset;
  if (auto err = st.consumer.assign(parts))
    HOT_LOG_ERROR("kafka", describe_kafka(err));
  setup.health->assigned = static_cast<int>(st.partitions.size());
  setup.health->brokers_down = false;
  if (!claimed) {
    // Without its task an internal partition would be assigned here and
    // read by nobody: stop, and let a restart (or another member) take it.
    self->quit(caf::make_error(kafka_errc::task_lost,
                               "an internal partition could not be claimed"));
  }
}

void on_revoke(source_ptr self, rd_kafka_topic_partition_list_t* parts) {
  auto& st = self->state;
  auto& setup = *st.setup;
  caf::scoped_actor blocking{self->system()};
  std::vector<partition_ref> refs;
  std::vector<int64_t> frontiers;
  for (int i = 0; i < parts->cnt; ++i) {
    partition_ref ref{parts->elems[i].topic, parts->elems[i].partition};
    auto it = st.partitions.find(ref);
    if (it == st.partitions.end())
      continue;
    blocking
      ->request(it->second.actor, setup.settings.drain_timeout, drain_atom_v)
      .receive(
        [&](int64_t frontier) {
          refs.push_back(ref);
          frontiers.push_back(frontier);
        },
        [&](caf::error& err) {
          HOT_LOG_WARN("kafka", ref.to_string()
                                  << " did not drain: " << caf::to_string(err));
        });
  }
  auto split = split_commit(self, refs, frontiers);
  commit(self, split.sources.refs, split.sources.frontiers, false);
  if (!split.internal.refs.empty()) {
    blocking
      ->request(setup.tasks, setup.settings.drain_timeout, barrier_atom_v,
                split.internal_partitions)
      .receive(
        [&](caf::ok_atom) {
          commit(self, split.internal.refs, split.internal.frontiers, false);
        },
        [&](caf::error& err) {
          HOT_LOG_WARN("kafka", "not committing revoked internal partitions, "
                                "their effects are not stored: "
                                  << describe_kafka(err));
        });
  }
  for (int i = 0; i < parts->cnt; ++i) {
    partition_ref ref{parts->elems[i].topic, parts->elems[i].partition};
    auto it = st.partitions.find(ref);
    if (it == st.partitions.end())
      continue;
    HOT_LOG_INFO("kafka", "revoked " << ref.to_string() << " at committed "
                                     << shown(it->second.committed));
    rd_kafka_queue_cb_event_enable(it->second.queue.get(), nullptr, nullptr);
    self->unlink_from(it->second.actor);
    self->send_exit(it->second.actor, caf::exit_reason::user_shutdown);
    if (it->second.internal)
      blocking
        ->request(setup.tasks, setup.settings.drain_timeout, forget_atom_v,
                  ref.partition)
        .receive([](caf::ok_atom) {}, [](caf::error&) {});
    st.partitions.erase(it);
  }
  if (auto err = st.consumer.unassign(parts))
    HOT_LOG_ERROR("kafka", describe_kafka(err));
  setup.health->assigned = static_cast<int>(st.partitions.size());
}

} // namespace

void error_cb(rd_kafka_t*, int err, const char* reason, void* opaque) {
  auto self = static_cast<source_ptr>(opaque);
  auto code = static_cast<rd_kafka_resp_err_t>(err);
  if (code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
    self->state.setup->health->brokers_down = true;
  HOT_LOG_WARN("kafka", reason << " (" << rd_kafka_err2name(code) << ")");
}

void commit_cb(rd_kafka_t*, rd_kafka_resp_err_t err,
               rd_kafka_topic_partition_list_t* offsets, void* opaque) {
  auto self = static_cast<source_ptr>(opaque);
  if (err == RD_KAFKA_RESP_ERR__NO_OFFSET)
    return;
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++self->state.commit_failures;
    HOT_LOG_WARN("kafka", describe_kafka(kafka_error(err, "commit")));
    return;
  }
  ++self->state.commits;
  notify_committed(self, *offsets);
}

void commit(source_ptr self, const std::vector<partition_ref>& refs,
            const std::vector<int64_t>& frontiers, bool async) {
  auto& st = self->state;
  auto list = make_partition_list(static_cast<int>(refs.size()));
  for (size_t i = 0; i < refs.size(); ++i) {
    auto it = st.partitions.find(refs[i]);
    if (it == st.partitions.end() || frontiers[i] <= it->second.committed)
      continue;
    rd_kafka_topic_partition_list_add(list.get(), refs[i].topic.c_str(),
                                      refs[i].partition)
      ->offset
      = frontiers[i];
  }
  if (list->cnt == 0)
    return;
  auto err = st.consumer.commit(*list, async);
  if (async)
    return; // the result arrives through commit_cb
  if (err) {
    ++st.commit_failures;
    HOT_LOG_WARN("kafka", describe_kafka(err));
    return;
  }
  ++st.commits;
  notify_committed(self, *list);
}

commit_split split_commit(source_ptr self,
                          const std::vector<partition_ref>& refs,
                          const std::vector<int64_t>& frontiers) {
  commit_split out;
  for (size_t i = 0; i < refs.size(); ++i) {
    auto it = self->state.partitions.find(refs[i]);
    bool internal = it != self->state.partitions.end() && it->second.internal;
    auto& part = internal ? out.internal : out.sources;
    part.refs.push_back(refs[i]);
    part.frontiers.push_back(frontiers[i]);
    if (internal)
      out.internal_partitions.push_back(refs[i].partition);
  }
  return out;
}

void rebalance_cb(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                  rd_kafka_topic_partition_list_t* parts, void* opaque) {
  auto self = static_cast<source_ptr>(opaque);
  auto& st = self->state;
  if (st.dying) {
    rd_kafka_assign(rk, nullptr);
    return;
  }
  ++st.rebalances;
  st.cooperative = st.consumer.cooperative();
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    on_assign(self, parts);
  } else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
    on_revoke(self, parts);
  } else {
    HOT_LOG_ERROR("kafka", describe_kafka(kafka_error(err, "rebalance")));
    on_revoke(self, parts);
  }
}

} // namespace hot::assignment
