// An owned group consumer: subscribe, poll, assign and commit, and one
// close that comes before the handle is destroyed.
#include "actors/kafka/kafka_consumer.hpp"

#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>

namespace hot {

namespace {

int to_ms(std::chrono::milliseconds x) {
  return static_cast<int>(
    std::clamp<std::chrono::milliseconds::rep>(x.count(), 0, INT_MAX));
}

} // namespace

kafka_consumer::kafka_consumer(kafka_client client)
  : client_(std::move(client)) {
}

caf::expected<kafka_consumer>
kafka_consumer::open(const std::map<std::string, std::string>& properties,
                     const consumer_callbacks& callbacks) {
  auto conf = make_kafka_conf(properties);
  if (!conf)
    return conf.error();
  rd_kafka_conf_set_opaque(conf->get(), callbacks.opaque);
  if (callbacks.on_rebalance != nullptr)
    rd_kafka_conf_set_rebalance_cb(conf->get(), callbacks.on_rebalance);
  if (callbacks.on_commit != nullptr)
    rd_kafka_conf_set_offset_commit_cb(conf->get(), callbacks.on_commit);
  if (callbacks.on_error != nullptr)
    rd_kafka_conf_set_error_cb(conf->get(), callbacks.on_error);
  if (callbacks.on_stats != nullptr)
    rd_kafka_conf_set_stats_cb(conf->get(), callbacks.on_stats);
  route_kafka_logs(conf->get());
  auto client = make_kafka_client(RD_KAFKA_CONSUMER, *conf);
  if (!client)
    return client.error();
  // Everything (callbacks included) is served by polling the consumer.
  rd_kafka_poll_set_consumer(client->get());
  return kafka_consumer{std::move(*client)};
}

kafka_consumer::kafka_consumer(kafka_consumer&& other) noexcept
  : client_(std::move(other.client_)),
    events_(std::move(other.events_)),
    closed_(other.closed_) {
}

kafka_consumer& kafka_consumer::operator=(kafka_consumer&& other) noexcept {
  if (this != &other) {
    close();
    client_ = std::move(other.client_);
    events_ = std::move(other.events_);
    closed_ = other.closed_;
  }
  return *this;
}

kafka_consumer::~kafka_consumer() {
  close();
}

caf::error kafka_consumer::subscribe(const std::vector<std::string>& topics) {
  auto list = make_partition_list(static_cast<int>(topics.size()));
  for (const auto& topic : topics)
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(),
                                      RD_KAFKA_PARTITION_UA);
  if (auto err = rd_kafka_subscribe(client_.get(), list.get()))
    return kafka_error(err, "subscribe");
  return {};
}

void kafka_consumer::unsubscribe() {
  rd_kafka_unsubscribe(client_.get());
}

kafka_message kafka_consumer::poll(std::chrono::milliseconds timeout) {
  return kafka_message{rd_kafka_consumer_poll(client_.get(), to_ms(timeout))};
}

void kafka_consumer::watch_events(void (*on_filled)(rd_kafka_t*, void*),
                                  void* opaque) {
  if (!events_)
    events_.reset(rd_kafka_queue_get_consumer(client_.get()));
  rd_kafka_queue_cb_event_enable(events_.get(), on_filled, opaque);
}

void kafka_consumer::close() {
  if (events_) {
    // Closing serves the queue itself; its owner may be going away.
    rd_kafka_queue_cb_event_enable(events_.get(), nullptr, nullptr);
    events_.reset();
  }
  if (!client_ || closed_)
    return;
  closed_ = true;
  rd_kafka_consumer_close(client_.get());
}

bool kafka_consumer::cooperative() const {
  return std::strcmp(rd_kafka_rebalance_protocol(client_.get()), "COOPERATIVE")
         == 0;
}

caf::error kafka_consumer::assign(rd_kafka_topic_partition_list_t* parts) {
  if (cooperative()) {
    if (auto* err = rd_kafka_incremental_assign(client_.get(), parts))
      return kafka_error(err, "incremental assign");
  } else if (auto err = rd_kafka_assign(client_.get(), parts)) {
    return kafka_error(err, "assign");
  }
  return {};
}

caf::error kafka_consumer::unassign(rd_kafka_topic_partition_list_t* parts) {
  if (cooperative()) {
    if (auto* err = rd_kafka_incremental_unassign(client_.get(), parts))
      return kafka_error(err, "incremental unassign");
  } else if (auto err = rd_kafka_assign(client_.get(), nullptr)) {
    return kafka_error(err, "unassign");
  }
  return {};
}

bool kafka_consumer::still_assigned(const std::string& topic,
                                    int32_t partition) const {
  if (rd_kafka_assignment_lost(client_.get()))
    return false;
  rd_kafka_topic_partition_list_t* raw = nullptr;
  if (rd_kafka_assignment(client_.get(), &raw) != RD_KAFKA_RESP_ERR_NO_ERROR)
    return false;
  partition_list assigned{raw};
  return rd_kafka_topic_partition_list_find(assigned.get(), topic.c_str(),
                                            partition)
         != nullptr;
}

caf::error kafka_consumer::seek(const rd_kafka_topic_partition_list_t& parts,
                                std::chrono::milliseconds timeout) {
  // The call takes a mutable list only to report each partition's error.
  partition_list copy{rd_kafka_topic_partition_list_copy(&parts)};
  if (auto* err = rd_kafka_seek_partitions(client_.get(), copy.get(),
                                           static_cast<int>(timeout.count())))
    return kafka_error(err, "seek");
  for (int i = 0; i < copy->cnt; ++i)
    if (copy->elems[i].err != RD_KAFKA_RESP_ERR_NO_ERROR)
      return kafka_error(copy->elems[i].err, "seek");
  return {};
}

caf::error
kafka_consumer::commit(const rd_kafka_topic_partition_list_t& offsets,
                       bool async) {
  if (auto err = rd_kafka_commit(client_.get(), &offsets, async ? 1 : 0))
    return kafka_error(err, async ? "commit" : "commit on revoke");
  return {};
}

kafka_queue kafka_consumer::partition_queue(const std::string& topic,
                                            int32_t partition) {
  kafka_queue queue{
    rd_kafka_queue_get_partition(client_.get(), topic.c_str(), partition)};
  // Detach before assign, or the first fetch may land on the main queue.
  rd_kafka_queue_forward(queue.get(), nullptr);
  return queue;
}

caf::expected<std::vector<int32_t>>
kafka_consumer::partitions_of(const std::string& topic,
                              std::chrono::milliseconds timeout) {
  std::unique_ptr<rd_kafka_topic_t, void (*)(rd_kafka_topic_t*)> handle{
    rd_kafka_topic_new(client_.get(), topic.c_str(), nullptr),
    rd_kafka_topic_destroy};
  const rd_kafka_metadata_t* meta = nullptr;
  auto err = rd_kafka_metadata(client_.get(), 0, handle.get(), &meta,
                               to_ms(timeout));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return kafka_error(err, "metadata of " + topic);
  std::unique_ptr<const rd_kafka_metadata_t,
                  void (*)(const rd_kafka_metadata_t*)>
    owned{meta, rd_kafka_metadata_destroy};
  std::vector<int32_t> out;
  for (int t = 0; t < meta->topic_cnt; ++t)
    for (int p = 0; p < meta->topics[t].partition_cnt; ++p)
      out.push_back(meta->topics[t].partitions[p].id);
  return out;
}

} // namespace hot
