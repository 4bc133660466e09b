// The Kafka source actor: the group consumer and its partition actors.
#include "actors/kafka_source.hpp"

#include <cstring>

#include <nlohmann/json.hpp>

#include "actors/gather.hpp"
#include "actors/io/start_offsets.hpp"
#include "common/logger.hpp"

namespace hot {

namespace {

using self_ptr = kafka_source_actor::stateful_pointer<kafka_source_state>;

constexpr int poll_timeout_ms = 100;

void on_queue_filled(rd_kafka_t*, void* opaque) {
  // Runs on a librdkafka thread: only a message, nothing else.
  auto* target = static_cast<kafka_source_state::wakeup_target*>(opaque);
  caf::anon_send(target->actor, wake_atom_v);
}

void error_cb(rd_kafka_t*, int err, const char* reason, void* opaque) {
  auto self = static_cast<self_ptr>(opaque);
  auto code = static_cast<rd_kafka_resp_err_t>(err);
  if (code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
    self->state.setup->health->brokers_down = true;
  HOT_LOG_WARN("kafka", reason << " (" << rd_kafka_err2name(code) << ")");
}

void notify_committed(self_ptr self,
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

void commit_cb(rd_kafka_t*, rd_kafka_resp_err_t err,
               rd_kafka_topic_partition_list_t* offsets, void* opaque) {
  auto self = static_cast<self_ptr>(opaque);
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

// Commits `frontiers` where they move past what is already committed.
void commit(self_ptr self, const std::vector<partition_ref>& refs,
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

void on_assign(self_ptr self, rd_kafka_topic_partition_list_t* parts) {
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
    ps.consumer = st.consumer.get();
    ps.queue = queue.get();
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

void on_revoke(self_ptr self, rd_kafka_topic_partition_list_t* parts) {
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

void rebalance_cb(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                  rd_kafka_topic_partition_list_t* parts, void* opaque) {
  auto self = static_cast<self_ptr>(opaque);
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

void start_commit(self_ptr self) {
  auto& st = self->state;
  if (st.commit_in_flight || st.partitions.empty() || st.stopping)
    return;
  st.commit_in_flight = true;
  std::vector<partition_ref> refs;
  std::vector<partition_actor> actors;
  for (const auto& [ref, p] : st.partitions) {
    refs.push_back(ref);
    actors.push_back(p.actor);
  }
  auto timeout = st.setup->settings.drain_timeout;
  gather<int64_t>(
    self, actors, on_failure::abort,
    [=](std::vector<int64_t> frontiers) {
      self->request(self->state.setup->directory, timeout, barrier_atom_v)
        .then(
          [=](caf::ok_atom) {
            self->state.commit_in_flight = false;
            commit(self, refs, frontiers, true);
          },
          [=](caf::error& err) {
            self->state.commit_in_flight = false;
            HOT_LOG_WARN("kafka", "commit skipped, effects not stored yet: "
                                    << caf::to_string(err));
          });
    },
    [=](caf::error) { self->state.commit_in_flight = false; }, caf::get_atom_v,
    offset_atom_v);
}

// Unsubscribing revokes everything through the rebalance callback, which
// drains and commits; then the consumer can close.
void stop(self_ptr self) {
  auto& st = self->state;
  st.stopping = true;
  rd_kafka_unsubscribe(st.consumer.get());
  auto deadline = std::chrono::steady_clock::now()
                  + st.setup->settings.drain_timeout * 2;
  while (!st.partitions.empty() && std::chrono::steady_clock::now() < deadline)
    if (auto* msg = rd_kafka_consumer_poll(st.consumer.get(), poll_timeout_ms))
      rd_kafka_message_destroy(msg);
  rd_kafka_consumer_close(st.consumer.get());
  st.closed = true;
  st.partitions.clear();
  HOT_LOG_INFO("kafka", "consumer closed");
}

std::vector<actor_stats> own_stats(self_ptr self) {
  auto& st = self->state;
  auto out = st.meter.report("kafka-source", "source");
  out.figures = {
    {"partitions", static_cast<int64_t>(st.partitions.size())},
    {"rebalances", static_cast<int64_t>(st.rebalances)},
    {"commits", static_cast<int64_t>(st.commits)},
    {"commit_failures", static_cast<int64_t>(st.commit_failures)},
    {"brokers_down", st.setup->health->brokers_down ? 1 : 0},
  };
  nlohmann::json detail{{"group", st.setup->settings.group_id},
                        {"protocol", st.cooperative ? "COOPERATIVE" : "EAGER"}};
  out.detail = detail.dump();
  return {out};
}

// The behavior of a source that could not start; it has already quit.
kafka_source_actor::behavior_type failed() {
  using behavior = kafka_source_actor::behavior_type;
  return behavior{behavior::unsafe_init{}, caf::behavior{}};
}

} // namespace

kafka_source_state::~kafka_source_state() {
  dying = true;
  // After a crash the partition actors may still run: they must be gone
  // before their queues, and the queues before the client.
  if (system != nullptr && !partitions.empty()) {
    caf::scoped_actor waiter{*system};
    for (auto& [ref, p] : partitions) {
      rd_kafka_queue_cb_event_enable(p.queue.get(), nullptr, nullptr);
      waiter->send_exit(p.actor, caf::exit_reason::kill);
      waiter->wait_for(p.actor);
    }
  }
  partitions.clear();
  if (consumer && !closed)
    rd_kafka_consumer_close(consumer.get());
}

kafka_source_actor::behavior_type kafka_source(self_ptr self,
                                               kafka_source_setup setup) {
  auto& st = self->state;
  std::map<std::string, std::string> props{
    {"bootstrap.servers", setup.settings.brokers},
    {"group.id", setup.settings.group_id},
    {"client.id", "hot-articles"},
    {"enable.auto.commit", "false"},
    {"enable.auto.offset.store", "false"},
    {"auto.offset.reset", "earliest"},
  };
  for (const auto& [name, value] : setup.settings.properties)
    props[name] = value;
  st.client_properties = props;
  st.system = &self->system();
  st.setup.emplace(std::move(setup));
  auto conf = make_kafka_conf(props);
  if (!conf) {
    HOT_LOG_ERROR("kafka", describe_io(conf.error()));
    self->quit(conf.error());
    return failed();
  }
  rd_kafka_conf_set_opaque(conf->get(), self);
  rd_kafka_conf_set_rebalance_cb(conf->get(), rebalance_cb);
  rd_kafka_conf_set_offset_commit_cb(conf->get(), commit_cb);
  rd_kafka_conf_set_error_cb(conf->get(), error_cb);
  route_kafka_logs(conf->get());
  auto client = make_kafka_client(RD_KAFKA_CONSUMER, *conf);
  if (!client) {
    HOT_LOG_ERROR("kafka", describe_io(client.error()));
    self->quit(client.error());
    return failed();
  }
  st.consumer = std::move(*client);
  rd_kafka_poll_set_consumer(st.consumer.get());
  const auto& cfg = st.setup->settings;
  auto topics = make_partition_list(4);
  for (const auto* topic : {&cfg.article_topic, &cfg.comment_topic,
                            &cfg.like_topic, &cfg.view_topic})
    rd_kafka_topic_partition_list_add(topics.get(), topic->c_str(),
                                      RD_KAFKA_PARTITION_UA);
  if (auto err = rd_kafka_subscribe(st.consumer.get(), topics.get())) {
    auto error = kafka_error(err, "subscribe");
    HOT_LOG_ERROR("kafka", describe_io(error));
    self->quit(error);
    return failed();
  }
  HOT_LOG_INFO("kafka", "subscribed to "
                          << cfg.article_topic << ", " << cfg.comment_topic
                          << ", " << cfg.like_topic << ", " << cfg.view_topic
                          << " as group " << cfg.group_id);
  self->send(self, poll_atom_v);
  self->delayed_send(self, cfg.commit_interval, tick_atom_v);
  return {
    [=](poll_atom) {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      if (s.closed)
        return;
      if (auto* raw = rd_kafka_consumer_poll(s.consumer.get(),
                                             poll_timeout_ms)) {
        kafka_message msg{raw};
        if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR)
          HOT_LOG_WARN("kafka", rd_kafka_message_errstr(msg.get()));
      }
      self->send(self, poll_atom_v);
    },
    [=](tick_atom) {
      auto scope = self->state.meter.measure(self);
      start_commit(self);
      if (!self->state.stopping)
        self->delayed_send(self, self->state.setup->settings.commit_interval,
                           tick_atom_v);
    },
    [=](drain_atom) {
      auto scope = self->state.meter.measure(self);
      if (!self->state.closed)
        stop(self);
      return caf::ok_atom_v;
    },
    [=](stats_atom) -> caf::result<std::vector<actor_stats>> {
      auto scope = self->state.meter.measure(self);
      auto promise = self->make_response_promise<std::vector<actor_stats>>();
      std::vector<partition_actor> actors;
      for (const auto& [ref, p] : self->state.partitions)
        actors.push_back(p.actor);
      auto out = own_stats(self);
      gather<actor_stats>(
        self, actors, on_failure::skip,
        [=](std::vector<actor_stats> parts) mutable {
          auto all = out;
          all.insert(all.end(), parts.begin(), parts.end());
          promise.deliver(std::move(all));
        },
        [](caf::error) {}, stats_atom_v);
      return promise;
    },
  };
}

} // namespace hot
