// The Kafka source actor: the group consumer and its partition actors.
#include "actors/kafka/kafka_source.hpp"

#include "actors/kafka/kafka_error.hpp"
#include "common/logger.hpp"
#include "messages/gather.hpp"

namespace hot {

namespace {

using self_ptr = kafka_source_actor::stateful_pointer<kafka_source_state>;

// Polls in one turn before the source lets its mailbox in again.
constexpr int polls_per_turn = 64;

// How long a stopping source waits in one poll for its revocations.
constexpr auto stop_poll_timeout = std::chrono::milliseconds{100};

// librdkafka's callbacks, with the source as their opaque. They run inside
// the consumer's poll, on the source's own thread.

// Rebalances run inside the poll: work, not waiting, so they are timed to
// be left out of the poll's wait.
void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                  rd_kafka_topic_partition_list_t* parts, void* opaque) {
  auto& st = static_cast<self_ptr>(opaque)->state;
  if (st.dying || !st.assignment) {
    rd_kafka_assign(rk, nullptr);
    return;
  }
  auto start = std::chrono::steady_clock::now();
  ++st.rebalances;
  st.cooperative = st.consumer.cooperative();
  st.assignment->rebalance(err, parts);
  st.callback_time += std::chrono::steady_clock::now() - start;
}

void on_commit(rd_kafka_t*, rd_kafka_resp_err_t err,
               rd_kafka_topic_partition_list_t* offsets, void* opaque) {
  auto& st = static_cast<self_ptr>(opaque)->state;
  if (st.assignment)
    st.assignment->committed(err, *offsets);
}

void on_error(rd_kafka_t*, int err, const char* reason, void* opaque) {
  auto& st = static_cast<self_ptr>(opaque)->state;
  auto code = static_cast<rd_kafka_resp_err_t>(err);
  if (code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN)
    st.setup->health->brokers_down = true;
  HOT_LOG_WARN("kafka", reason << " (" << rd_kafka_err2name(code) << ")");
}

int on_stats(rd_kafka_t*, char* json, size_t json_len, void* opaque) {
  auto& st = static_cast<self_ptr>(opaque)->state;
  if (st.assignment)
    st.assignment->fetches().update(std::string_view{json, json_len},
                                    std::chrono::steady_clock::now());
  return 0; // librdkafka frees the document
}

// The consumer's queue turned non-empty. Runs on a librdkafka thread: only
// a message, nothing else.
void on_events(rd_kafka_t*, void* opaque) {
  auto* source = static_cast<caf::weak_actor_ptr*>(opaque);
  if (auto alive = source->lock())
    caf::anon_send(caf::actor_cast<kafka_source_actor>(alive), poll_atom_v);
}

// One consumer poll; the time it blocked waiting for a message, less the
// callbacks it ran, is idle time and does not count as busy.
kafka_message poll_consumer(self_ptr self, std::chrono::milliseconds timeout) {
  auto& st = self->state;
  auto start = std::chrono::steady_clock::now();
  auto worked_before = st.callback_time;
  auto msg = st.consumer.poll(timeout);
  auto took = std::chrono::steady_clock::now() - start;
  st.meter.waited(took - (st.callback_time - worked_before));
  return msg;
}

// Serves what the consumer's queue holds without waiting: the source must
// answer its mailbox (commit ticks, their answers) at once, so it never
// blocks in librdkafka; `on_events` wakes it when the queue fills. A full
// turn asks for another, since only a queue polled empty wakes it again.
void serve_consumer(self_ptr self) {
  for (int i = 0; i < polls_per_turn; ++i) {
    auto msg = poll_consumer(self, std::chrono::milliseconds{0});
    if (!msg)
      return;
    if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR)
      HOT_LOG_WARN("kafka", rd_kafka_message_errstr(msg.get()));
  }
  self->send(self, poll_atom_v);
}

// Source partitions commit what their acknowledged copies cover; internal
// partitions what a barrier of their ranking tasks has stored. A barrier
// waits for Redis, so the sources do not wait for it: while one is out,
// the rounds commit the sources alone.
void start_commit(self_ptr self) {
  auto& st = self->state;
  if (st.commit_in_flight || !st.assignment
      || st.assignment->partitions().empty() || st.stopping)
    return;
  st.commit_in_flight = true;
  std::vector<partition_ref> refs;
  std::vector<partition_actor> actors;
  for (const auto& [ref, p] : st.assignment->partitions()) {
    refs.push_back(ref);
    actors.push_back(p.actor);
  }
  auto timeout = st.setup->settings.drain_timeout;
  gather<int64_t>(
    self, actors, on_failure::abort,
    [=](std::vector<int64_t> frontiers) {
      auto& s = self->state;
      s.commit_in_flight = false;
      if (!s.assignment)
        return;
      auto& assignment = *s.assignment;
      auto split = assignment.split_commit(refs, frontiers);
      assignment.commit(split.sources.refs, split.sources.frontiers, true);
      if (split.internal.refs.empty() || s.barrier_in_flight)
        return;
      s.barrier_in_flight = true;
      self
        ->request(s.setup->tasks, timeout, barrier_atom_v,
                  split.internal_partitions)
        .then(
          [=](caf::ok_atom) {
            self->state.barrier_in_flight = false;
            if (self->state.assignment)
              self->state.assignment->commit(split.internal.refs,
                                             split.internal.frontiers, true);
          },
          [=](caf::error& err) {
            self->state.barrier_in_flight = false;
            HOT_LOG_WARN("kafka", "commit of the internal partitions skipped, "
                                  "effects not stored yet: "
                                    << describe_kafka(err));
          });
    },
    [=](caf::error) { self->state.commit_in_flight = false; }, caf::get_atom_v,
    offset_atom_v);
}

// A ranking task fenced for long while the group still assigns its
// partition here starts afresh with a new claim (see
// partition_assignment::reclaim).
void check_fenced(self_ptr self) {
  auto& st = self->state;
  if (st.fence_check_in_flight || !st.assignment || st.stopping)
    return;
  bool any_internal = false;
  for (const auto& [ref, p] : st.assignment->partitions())
    any_internal = any_internal || p.internal;
  if (!any_internal)
    return;
  st.fence_check_in_flight = true;
  self
    ->request(st.setup->tasks, st.setup->settings.drain_timeout,
              caf::get_atom_v, fenced_atom_v)
    .then(
      [=](const std::vector<int32_t>& partitions) {
        auto& s = self->state;
        s.fence_check_in_flight = false;
        for (auto partition : partitions)
          if (s.assignment && !s.stopping)
            s.assignment->reclaim(partition);
      },
      [=](caf::error&) { self->state.fence_check_in_flight = false; });
}

// Unsubscribing revokes everything through the rebalance callback, which
// drains and commits; then the consumer can close.
void stop(self_ptr self) {
  auto& st = self->state;
  st.stopping = true;
  st.consumer.unsubscribe();
  auto deadline = std::chrono::steady_clock::now()
                  + st.setup->settings.drain_timeout * 2;
  while (!st.assignment->partitions().empty()
         && std::chrono::steady_clock::now() < deadline)
    poll_consumer(self, stop_poll_timeout);
  st.consumer.close();
  st.closed = true;
  // Whatever did not drain in time stops here, before its queue goes.
  st.assignment.reset();
  HOT_LOG_INFO("kafka", "consumer closed");
}

std::vector<actor_stats> own_stats(self_ptr self) {
  auto& st = self->state;
  // The next poll step the source sent itself is never counted: it has
  // left the mailbox whenever a poll starts.
  auto out = st.meter.report("kafka-source", "source");
  source_figures f;
  f.group = st.setup->settings.group_id;
  f.instance_id = st.setup->settings.instance_id;
  f.internal_topic = st.setup->rekey.topic;
  f.cooperative = st.cooperative;
  static const std::map<partition_ref, partition_assignment::assigned_partition>
    none;
  const auto& partitions = st.assignment ? st.assignment->partitions() : none;
  f.partitions = static_cast<int64_t>(partitions.size());
  for (const auto& [ref, p] : partitions)
    f.internal_partitions += p.internal ? 1 : 0;
  f.rebalances = static_cast<int64_t>(st.rebalances);
  if (st.assignment) {
    f.commits = static_cast<int64_t>(st.assignment->commits());
    f.commit_failures = static_cast<int64_t>(st.assignment->commit_failures());
  }
  f.brokers_down = st.setup->health->brokers_down;
  out.figures = std::move(f);
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
  // The partition actors and their queues go before the consumer closes.
  assignment.reset();
  // While the rest of the state lives: closing revokes through callbacks
  // that read it.
  consumer.close();
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
    // A dead member's partitions move after this long: the least brokers
    // accept (group.min.session.timeout.ms), so a takeover waits as little
    // as it can where static membership cannot bring a restart back at
    // once (librdkafka's mock cluster has none).
    {"session.timeout.ms", "6000"},
    {"heartbeat.interval.ms", "1500"},
    // Each broker's fetch count in them tells a stalled partition from a
    // caught-up one (fetch_health.hpp).
    {"statistics.interval.ms", "1000"},
  };
  if (!setup.settings.instance_id.empty())
    props["group.instance.id"] = setup.settings.instance_id;
  for (const auto& [name, value] : setup.settings.properties)
    props[name] = value;
  st.setup.emplace(std::move(setup));
  auto consumer = kafka_consumer::open(
    props,
    consumer_callbacks{self, on_rebalance, on_commit, on_error, on_stats});
  if (!consumer) {
    HOT_LOG_ERROR("kafka", describe_kafka(consumer.error()));
    self->quit(consumer.error());
    return failed();
  }
  st.consumer = std::move(*consumer);
  st.assignment.emplace(self, *st.setup, st.consumer, props);
  const auto& cfg = st.setup->settings;
  auto topics = cfg.topics();
  topics.push_back(st.setup->rekey.topic);
  if (auto err = st.consumer.subscribe(topics)) {
    HOT_LOG_ERROR("kafka", describe_kafka(err));
    self->quit(err);
    return failed();
  }
  HOT_LOG_INFO(
    "kafka", "subscribed to "
               << cfg.article_topic << ", " << cfg.comment_topic << ", "
               << cfg.like_topic << ", " << cfg.view_topic << " and "
               << st.setup->rekey.topic << " as group " << cfg.group_id
               << (cfg.instance_id.empty() ? std::string{}
                                           : ", instance " + cfg.instance_id));
  st.wakeup = caf::actor_cast<caf::weak_actor_ptr>(self->ctrl());
  st.consumer.watch_events(on_events, &st.wakeup);
  self->send(self, poll_atom_v);
  self->delayed_send(self, cfg.commit_interval, tick_atom_v);
  return {
    [=](poll_atom) {
      auto scope = self->state.meter.measure(self);
      if (!self->state.closed)
        serve_consumer(self);
    },
    [=](tick_atom) {
      auto scope = self->state.meter.measure(self);
      // A wake-up is for news; this poll keeps the group's poll interval
      // even when none comes.
      if (!self->state.closed)
        serve_consumer(self);
      start_commit(self);
      check_fenced(self);
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
      if (const auto& assignment = self->state.assignment)
        for (const auto& [ref, p] : assignment->partitions())
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
