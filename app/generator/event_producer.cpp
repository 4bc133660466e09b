// The generator's Kafka producer: four topics, reference keys, no surprises.
#include "app/generator/event_producer.hpp"

#include <algorithm>
#include <cstdint>

namespace hot::gen {

namespace {

/// librdkafka takes int milliseconds.
int to_ms(std::chrono::milliseconds timeout) {
  return static_cast<int>(
    std::clamp<int64_t>(timeout.count(), 0, int64_t{1} << 30));
}

} // namespace

caf::expected<event_producer>
event_producer::open(const generator_options& options) {
  std::map<std::string, std::string> properties{
    {"bootstrap.servers", options.brokers},
    {"client.id", "hot-articles-gen"},
    // Java's partitioner: the same key lands on the same partition as with
    // the reference's Spring producers.
    {"partitioner", "murmur2_random"},
  };
  for (const auto& [name, value] : options.properties)
    properties[name] = value;
  auto conf = make_kafka_conf(properties);
  if (!conf)
    return conf.error();
  event_producer out;
  auto log = delivery_log::open(options.dump_path);
  if (!log)
    return log.error();
  out.log_ = std::move(*log);
  out.log_->attach(conf->get());
  route_kafka_logs(conf->get());
  auto client = make_kafka_client(RD_KAFKA_PRODUCER, *conf);
  if (!client)
    return client.error();
  out.client_ = std::move(*client);
  std::array<const std::string*, topic_kind_count> names{&options.article_topic,
                                                         &options.comment_topic,
                                                         &options.like_topic,
                                                         &options.view_topic};
  for (size_t i = 0; i < names.size(); ++i) {
    out.topics_[i].reset(
      rd_kafka_topic_new(out.client_.get(), names[i]->c_str(), nullptr));
    if (!out.topics_[i])
      return kafka_error(rd_kafka_last_error(), "topic " + *names[i]);
  }
  return out;
}

caf::expected<event_producer::send_result>
event_producer::send(topic_kind topic, std::string_view key,
                     std::string_view value, instant timestamp) {
  auto stamp = timestamp.time_since_epoch().count();
  produce_request msg;
  msg.topic = topics_[static_cast<size_t>(topic)].get();
  msg.key = key;
  msg.value = value;
  msg.timestamp_ms = stamp;
  // Delivery reports may carry the broker's LogAppendTime instead (the
  // mock cluster sends 1234), so the CreateTime travels in the opaque.
  msg.opaque = reinterpret_cast<void*>(static_cast<intptr_t>(stamp));
  auto error = produce_copy(client_.get(), msg);
  if (!error) {
    ++queued_;
    return send_result::queued;
  }
  if (rd_kafka_error_code(error.get()) == RD_KAFKA_RESP_ERR__QUEUE_FULL)
    return send_result::queue_full;
  return kafka_error(error.release(), std::string{"produce to "}
                                        + rd_kafka_topic_name(msg.topic));
}

void event_producer::poll(std::chrono::milliseconds timeout) {
  rd_kafka_poll(client_.get(), to_ms(timeout));
}

void event_producer::drain(std::chrono::milliseconds timeout) {
  rd_kafka_flush(client_.get(), to_ms(timeout));
  if (unreported() == 0)
    return;
  rd_kafka_purge(client_.get(),
                 RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  // Purged messages still get (failed) reports; collect them briefly.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{1};
  while (unreported() > 0 && std::chrono::steady_clock::now() < deadline)
    rd_kafka_poll(client_.get(), 50);
}

uint64_t event_producer::unreported() const {
  return queued_ - log_->delivered() - log_->failed();
}

} // namespace hot::gen
