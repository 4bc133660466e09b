// What the Kafka source does as partitions come and go: queues and actors
// per partition, start offsets, drains and commits.
#include "actors/kafka_assignment.hpp"

#include <cstring>

#include "actors/io/kafka_feed.hpp"
#include "actors/io/start_offsets.hpp"
#include "common/logger.hpp"

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

// Commits `frontiers` where they move past what is already committed.

void on_assign(source_ptr self, rd_kafka_topic_partition_list_t* parts) {
  auto& st = self->state;
  auto& setup = *st.setup;
  caf::scoped_actor blocking{self->system()};
  day_key sealed;
  blocking
    ->request(setup.directory, setup.settings.drain_timeout, caf::get_atom_v,
              sealed_atom_v)
    .receive([&](day_key day) { sealed = day; },
             [&](caf::error& err) {
               HOT_LOG_ERROR("kafka", "no sealed day from the directory: "
                                        << caf::to_string(err));
             });
  auto replay_from = setup.calendar.start_of(sealed.next()) - setup.clock_skew;
  auto starts = choose_start_offsets(st.consumer.get(), parts, replay_from,
                                     setup.settings.drain_timeout,
                                     st.client_properties);
  for (const auto& s : starts) {
    HOT_LOG_INFO("kafka", "assigned " << s.partition.to_string()
                                      << ": committed " << s.committed
                                      << ", open days from " << s.day_start
                                      << ", starting at " << s.start);
    // Until it has read something, the partition holds the stream time.
    self->send(setup.directory, progress_atom_v, s.partition, instant::min());
    kafka_queue queue{rd_kafka_queue_get_partition(
      st.consumer.get(), s.partition.topic.c_str(), s.partition.partition)};
    // Detach before assign, or the first fetch may land on the main queue.
    rd_kafka_queue_forward(queue.get(), nullptr);
    partition_setup ps;
    ps.partition = s.partition;
    ps.feed = std::make_shared<kafka_feed>(
      st.consumer.get(), queue.get(), s.partition.topic, s.partition.partition);
    ps.start_offset = s.start;
    ps.committed_offset = s.committed;
    ps.shards = setup.shards;
    ps.directory = setup.directory;
    ps.settings = setup.settings;
    ps.on_rejected = setup.on_rejected;
    // Linked: a partition that fails takes the source down with it.
    auto actor = self->spawn<caf::linked>(partition, std::move(ps));
    auto wakeup = std::make_unique<kafka_source_state::wakeup_target>(
      kafka_source_state::wakeup_target{actor});
    rd_kafka_queue_cb_event_enable(queue.get(), on_queue_filled, wakeup.get());
    st.partitions.emplace(s.partition, kafka_source_state::assigned_partition{
                                         actor, std::move(queue),
                                         std::move(wakeup), s.committed});
  }
  if (st.cooperative) {
    if (auto* err = rd_kafka_incremental_assign(st.consumer.get(), parts))
      HOT_LOG_ERROR("kafka",
                    describe_io(kafka_error(err, "incremental assign")));
  } else if (auto err = rd_kafka_assign(st.consumer.get(), parts)) {
    HOT_LOG_ERROR("kafka", describe_io(kafka_error(err, "assign")));
  }
  setup.health->assigned = static_cast<int>(st.partitions.size());
  setup.health->brokers_down = false;
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
  blocking
    ->request(setup.directory, setup.settings.drain_timeout, barrier_atom_v)
    .receive([&](caf::ok_atom) { commit(self, refs, frontiers, false); },
             [&](caf::error& err) {
               HOT_LOG_WARN("kafka", "not committing revoked partitions, "
                                     "their effects are not stored: "
                                       << caf::to_string(err));
             });
  for (int i = 0; i < parts->cnt; ++i) {
    partition_ref ref{parts->elems[i].topic, parts->elems[i].partition};
    auto it = st.partitions.find(ref);
    if (it == st.partitions.end())
      continue;
    HOT_LOG_INFO("kafka", "revoked " << ref.to_string() << " at committed "
                                     << it->second.committed);
    self->send(setup.directory, forget_atom_v, ref);
    rd_kafka_queue_cb_event_enable(it->second.queue.get(), nullptr, nullptr);
    self->unlink_from(it->second.actor);
    self->send_exit(it->second.actor, caf::exit_reason::user_shutdown);
    st.partitions.erase(it);
  }
  if (st.cooperative) {
    if (auto* err = rd_kafka_incremental_unassign(st.consumer.get(), parts))
      HOT_LOG_ERROR("kafka",
                    describe_io(kafka_error(err, "incremental unassign")));
  } else {
    rd_kafka_assign(st.consumer.get(), nullptr);
  }
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
    HOT_LOG_WARN("kafka", describe_io(kafka_error(err, "commit")));
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
  auto err = rd_kafka_commit(st.consumer.get(), list.get(), async ? 1 : 0);
  if (async)
    return; // the result arrives through commit_cb
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++st.commit_failures;
    HOT_LOG_WARN("kafka", describe_io(kafka_error(err, "commit on revoke")));
    return;
  }
  ++st.commits;
  notify_committed(self, *list);
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
  st.cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE")
                   == 0;
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    on_assign(self, parts);
  } else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
    on_revoke(self, parts);
  } else {
    HOT_LOG_ERROR("kafka", describe_io(kafka_error(err, "rebalance")));
    on_revoke(self, parts);
  }
}

} // namespace hot::assignment
