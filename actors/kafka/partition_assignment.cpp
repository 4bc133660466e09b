// The partitions the group gave this instance: each one's queue, actor and
// committed offset, from assignment through drain and commit to release.
#include "actors/kafka/partition_assignment.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <tuple>

#include "actors/kafka/kafka_error.hpp"
#include "actors/kafka/kafka_feed.hpp"
#include "actors/kafka/start_offsets.hpp"
#include "common/logger.hpp"

namespace hot {

namespace {

// Three statistics documents, or three fetch waits, without a fetch: the
// leader's fetches stall.
std::chrono::milliseconds
stall_after(const std::map<std::string, std::string>& properties) {
  auto millis = [&](const char* name, long fallback) {
    auto it = properties.find(name);
    if (it == properties.end())
      return fallback;
    char* end = nullptr;
    auto value = std::strtol(it->second.c_str(), &end, 10);
    return *end == '\0' && value > 0 ? value : fallback;
  };
  auto interval = millis("statistics.interval.ms", 1000);
  auto wait = millis("fetch.wait.max.ms", 500);
  return std::chrono::milliseconds{3 * std::max(interval, wait)};
}

void on_queue_filled(rd_kafka_t*, void* opaque) {
  // Runs on a librdkafka thread: only a message, nothing else.
  auto* target = static_cast<partition_assignment::wakeup_target*>(opaque);
  caf::anon_send(target->actor, wake_atom_v);
}

} // namespace

partition_assignment::partition_assignment(
  owner_ptr owner, const kafka_source_setup& setup, kafka_consumer& consumer,
  std::map<std::string, std::string> client_properties)
  : owner_(owner),
    system_(owner->system()),
    setup_(setup),
    consumer_(consumer),
    fetches_(std::make_shared<fetch_health>(stall_after(client_properties))),
    client_properties_(std::move(client_properties)) {
}

partition_assignment::~partition_assignment() {
  // After a crash the partition actors may still run: they must be gone
  // before their queues, and the queues before the consumer.
  if (partitions_.empty())
    return;
  caf::scoped_actor waiter{system_};
  for (auto& [ref, p] : partitions_) {
    rd_kafka_queue_cb_event_enable(p.queue.get(), nullptr, nullptr);
    waiter->send_exit(p.actor, caf::exit_reason::kill);
    waiter->wait_for(p.actor);
  }
}

void partition_assignment::notify_committed(
  const rd_kafka_topic_partition_list_t& offsets) {
  for (int i = 0; i < offsets.cnt; ++i) {
    const auto& tp = offsets.elems[i];
    if (tp.err != RD_KAFKA_RESP_ERR_NO_ERROR || tp.offset < 0)
      continue;
    auto it = partitions_.find(partition_ref{tp.topic, tp.partition});
    if (it == partitions_.end())
      continue;
    it->second.committed = std::max(it->second.committed, tp.offset);
    owner_->send(it->second.actor, committed_atom_v, tp.offset);
  }
}

// Every partition of the source topics, from the brokers' metadata; empty
// unless every topic answered, since a ranking task that waited for the
// watermarks of only some of them could seal a day too early.
std::vector<partition_ref> partition_assignment::source_partitions() {
  std::vector<partition_ref> out;
  for (const auto& topic : setup_.settings.topics()) {
    auto found = consumer_.partitions_of(topic, setup_.settings.drain_timeout);
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

// Gives the partition its own queue and actor; assigned afterwards.
void partition_assignment::start_partition(const start_offset& s,
                                           partition_setup ps, bool internal) {
  auto queue = consumer_.partition_queue(s.partition.topic,
                                         s.partition.partition);
  ps.partition = s.partition;
  ps.feed = std::make_shared<kafka_feed>(consumer_.handle(), queue.get(),
                                         s.partition.topic,
                                         s.partition.partition, fetches_);
  ps.start_offset = s.start;
  ps.committed_offset = s.committed;
  ps.settings = setup_.settings;
  // Linked: a partition that fails takes the source down with it.
  auto actor = owner_->spawn<caf::linked>(partition, std::move(ps));
  auto wakeup = std::make_unique<partition_assignment::wakeup_target>(
    partition_assignment::wakeup_target{actor});
  rd_kafka_queue_cb_event_enable(queue.get(), on_queue_filled, wakeup.get());
  partitions_.emplace(s.partition, partition_assignment::assigned_partition{
                                     actor, std::move(queue), std::move(wakeup),
                                     s.committed, internal});
}

void partition_assignment::stop_partition(
  std::map<partition_ref, assigned_partition>::iterator it) {
  rd_kafka_queue_cb_event_enable(it->second.queue.get(), nullptr, nullptr);
  owner_->unlink_from(it->second.actor);
  owner_->send_exit(it->second.actor, caf::exit_reason::user_shutdown);
  partitions_.erase(it);
}

// Source partitions hold no state: they resume where their copies are
// acknowledged, or at the oldest open day when nothing was committed.
void partition_assignment::assign_sources(
  rd_kafka_topic_partition_list_t* parts) {
  const auto& setup = setup_;
  if (parts->cnt == 0)
    return;
  auto replay_from = setup.calendar.start_of(setup.sealed_through.next())
                     - setup.clock_skew;
  auto starts = choose_start_offsets(consumer_.handle(), parts, replay_from,
                                     setup.settings.drain_timeout,
                                     client_properties_,
                                     start_rule::resume_committed);
  for (const auto& s : starts) {
    HOT_LOG_INFO("kafka", "assigned "
                            << s.partition.to_string() << ": committed "
                            << offset_text(s.committed) << ", starting at "
                            << s.start);
    partition_setup ps;
    ps.rekey = setup.rekey;
    ps.on_rejected = setup.on_rejected;
    start_partition(s, std::move(ps), false);
  }
}

void partition_assignment::assign(rd_kafka_topic_partition_list_t* parts) {
  const auto& setup = setup_;
  auto sources = make_partition_list(parts->cnt);
  std::vector<rd_kafka_topic_partition_t*> internal;
  for (int i = 0; i < parts->cnt; ++i) {
    auto& tp = parts->elems[i];
    if (setup.rekey.topic == tp.topic)
      internal.push_back(&tp);
    else
      rd_kafka_topic_partition_list_add(sources.get(), tp.topic, tp.partition);
  }
  bool claimed = assign_internal(internal);
  assign_sources(sources.get());
  // The chosen offsets go with the assignment.
  for (int i = 0; i < sources->cnt; ++i)
    if (auto* tp = rd_kafka_topic_partition_list_find(
          parts, sources->elems[i].topic, sources->elems[i].partition))
      tp->offset = sources->elems[i].offset;
  if (auto err = consumer_.assign(parts))
    HOT_LOG_ERROR("kafka", describe_kafka(err));
  setup.health->assigned = static_cast<int>(partitions_.size());
  setup.health->brokers_down = false;
  if (!claimed) {
    // Without its task an internal partition would be assigned here and
    // read by nobody: stop, and let a restart (or another member) take it.
    owner_->quit(caf::make_error(kafka_errc::task_lost,
                                 "an internal partition could not be claimed"));
  }
}

void partition_assignment::revoke(rd_kafka_topic_partition_list_t* parts) {
  const auto& setup = setup_;
  caf::scoped_actor blocking{owner_->system()};
  std::vector<partition_ref> refs;
  std::vector<int64_t> frontiers;
  for (int i = 0; i < parts->cnt; ++i) {
    partition_ref ref{parts->elems[i].topic, parts->elems[i].partition};
    auto it = partitions_.find(ref);
    if (it == partitions_.end())
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
  auto split = split_commit(refs, frontiers);
  commit(split.sources.refs, split.sources.frontiers, false);
  if (!split.internal.refs.empty()) {
    blocking
      ->request(setup.tasks, setup.settings.drain_timeout, barrier_atom_v,
                split.internal_partitions)
      .receive(
        [&](caf::ok_atom) {
          commit(split.internal.refs, split.internal.frontiers, false);
        },
        [&](caf::error& err) {
          HOT_LOG_WARN("kafka", "not committing revoked internal partitions, "
                                "their effects are not stored: "
                                  << describe_kafka(err));
        });
  }
  for (int i = 0; i < parts->cnt; ++i) {
    partition_ref ref{parts->elems[i].topic, parts->elems[i].partition};
    auto it = partitions_.find(ref);
    if (it == partitions_.end())
      continue;
    HOT_LOG_INFO("kafka", "revoked " << ref.to_string() << " at committed "
                                     << offset_text(it->second.committed));
    bool internal = it->second.internal;
    stop_partition(it);
    if (internal)
      blocking
        ->request(setup.tasks, setup.settings.drain_timeout, forget_atom_v,
                  ref.partition)
        .receive([](caf::ok_atom) {}, [](caf::error&) {});
  }
  if (auto err = consumer_.unassign(parts))
    HOT_LOG_ERROR("kafka", describe_kafka(err));
  setup.health->assigned = static_cast<int>(partitions_.size());
}

void partition_assignment::commit(const std::vector<partition_ref>& refs,
                                  const std::vector<int64_t>& frontiers,
                                  bool async) {
  auto list = make_partition_list(static_cast<int>(refs.size()));
  for (size_t i = 0; i < refs.size(); ++i) {
    auto it = partitions_.find(refs[i]);
    if (it == partitions_.end() || frontiers[i] <= it->second.committed)
      continue;
    rd_kafka_topic_partition_list_add(list.get(), refs[i].topic.c_str(),
                                      refs[i].partition)
      ->offset
      = frontiers[i];
  }
  if (list->cnt == 0)
    return;
  auto err = consumer_.commit(*list, async);
  if (async)
    return; // the result arrives through commit_cb
  if (err) {
    ++commit_failures_;
    HOT_LOG_WARN("kafka", describe_kafka(err));
    return;
  }
  ++commits_;
  notify_committed(*list);
}

partition_assignment::commit_split partition_assignment::split_commit(
  const std::vector<partition_ref>& refs,
  const std::vector<int64_t>& frontiers) const {
  commit_split out;
  for (size_t i = 0; i < refs.size(); ++i) {
    auto it = partitions_.find(refs[i]);
    bool internal = it != partitions_.end() && it->second.internal;
    auto& part = internal ? out.internal : out.sources;
    part.refs.push_back(refs[i]);
    part.frontiers.push_back(frontiers[i]);
    if (internal)
      out.internal_partitions.push_back(refs[i].partition);
  }
  return out;
}

void partition_assignment::rebalance(rd_kafka_resp_err_t err,
                                     rd_kafka_topic_partition_list_t* parts) {
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    assign(parts);
  } else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
    revoke(parts);
  } else {
    HOT_LOG_ERROR("kafka", describe_kafka(kafka_error(err, "rebalance")));
    revoke(parts);
  }
}

void partition_assignment::committed(
  rd_kafka_resp_err_t err, const rd_kafka_topic_partition_list_t& offsets) {
  if (err == RD_KAFKA_RESP_ERR__NO_OFFSET)
    return;
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++commit_failures_;
    HOT_LOG_WARN("kafka", describe_kafka(kafka_error(err, "commit")));
    return;
  }
  ++commits_;
  notify_committed(offsets);
}

} // namespace hot
