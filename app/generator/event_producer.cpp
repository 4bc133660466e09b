// The generator's Kafka producer: four topics, reference keys, no surprises.
#include "app/generator/event_producer.hpp"

#include <cstdint>
#include <thread>

#include "actors/kafka/kafka_producer.hpp"

namespace hot::gen {

event_producer::event_producer(event_producer&&) noexcept = default;
event_producer& event_producer::operator=(event_producer&&) noexcept = default;
event_producer::~event_producer() = default;

caf::expected<event_producer>
event_producer::open(const generator_options& options) {
  std::map<std::string, std::string> properties{
    {"bootstrap.servers", options.brokers},
    // Java's partitioner: the same key lands on the same partition as with
    // the reference's Spring producers.
    {"partitioner", "murmur2_random"},
  };
  for (const auto& [name, value] : options.properties)
    properties[name] = value;
  event_producer out;
  auto log = delivery_log::open(options.dump_path);
  if (!log)
    return log.error();
  out.log_ = std::move(*log);
  auto* sink = out.log_.get();
  auto producer = kafka_producer::start(
    std::move(properties),
    report_handler{
      [sink](const delivery_report& report) { sink->record(report); }},
    "hot-articles-gen", [sink](const caf::error& err) { sink->fatal(err); });
  if (!producer)
    return producer.error();
  out.producer_ = std::move(*producer);
  std::array<const std::string*, topic_kind_count> names{&options.article_topic,
                                                         &options.comment_topic,
                                                         &options.like_topic,
                                                         &options.view_topic};
  for (size_t i = 0; i < names.size(); ++i) {
    auto topic = out.producer_->add_topic(*names[i]);
    if (!topic)
      return topic.error();
    out.topics_[i] = *topic;
  }
  return out;
}

caf::expected<event_producer::send_result>
event_producer::send(topic_kind topic, std::string_view key,
                     std::string_view value, instant timestamp) {
  auto stamp = timestamp.time_since_epoch().count();
  outgoing_message msg;
  msg.key = key;
  msg.value = value;
  msg.timestamp_ms = stamp;
  // Delivery reports may carry the broker's LogAppendTime instead (the
  // mock cluster sends 1234), so the CreateTime travels in the opaque.
  msg.opaque = reinterpret_cast<void*>(static_cast<intptr_t>(stamp));
  auto sent = producer_->send(topics_[static_cast<size_t>(topic)], msg);
  if (!sent)
    return sent.error();
  if (*sent == send_outcome::queue_full)
    return send_result::queue_full;
  ++queued_;
  return send_result::queued;
}

void event_producer::poll(std::chrono::milliseconds timeout) {
  std::this_thread::sleep_for(timeout);
}

void event_producer::drain(std::chrono::milliseconds timeout) {
  producer_->close(timeout);
}

uint64_t event_producer::unreported() const {
  return queued_ - log_->delivered() - log_->failed();
}

} // namespace hot::gen
