// An owned librdkafka producer: delivery reports on a thread of its own,
// and one flush-then-purge shutdown.
#include "actors/kafka/kafka_producer.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>

#include "common/logger.hpp"

namespace hot {

bool consumer_only_property(const std::string& name) {
  static const std::set<std::string> names = [] {
    std::set<std::string> out;
    char* text = nullptr;
    size_t size = 0;
    if (FILE* table = open_memstream(&text, &size)) {
      rd_kafka_conf_properties_show(table);
      std::fclose(table);
      std::istringstream lines{std::string{text, size}};
      std::string line;
      while (std::getline(lines, line)) {
        // "name | C/P | range | ...": C is consumer only.
        std::istringstream fields{line};
        std::string property, bar, scope;
        if (fields >> property >> bar >> scope && bar == "|" && scope == "C")
          out.insert(property);
      }
    }
    std::free(text);
    return out;
  }();
  // group.instance.id and friends are consumer-side too, though the table
  // marks some of them '*'.
  return names.count(name) != 0 || name.rfind("group.", 0) == 0;
}

caf::expected<std::unique_ptr<kafka_producer>>
kafka_producer::start(std::map<std::string, std::string> properties,
                      delivery_handler on_delivery, std::string client_id,
                      fatal_handler on_fatal) {
  std::map<std::string, std::string> props;
  for (auto& [name, value] : properties)
    if (!consumer_only_property(name))
      props[name] = std::move(value);
  props["client.id"] = std::move(client_id);
  auto conf = make_kafka_conf(props);
  if (!conf)
    return conf.error();
  std::unique_ptr<kafka_producer> out{new kafka_producer};
  out->on_delivery_ = std::move(on_delivery);
  out->on_fatal_ = std::move(on_fatal);
  rd_kafka_conf_set_opaque(conf->get(), out.get());
  rd_kafka_conf_set_dr_msg_cb(conf->get(), on_report);
  rd_kafka_conf_set_error_cb(conf->get(), on_error);
  route_kafka_logs(conf->get());
  auto client = make_kafka_client(RD_KAFKA_PRODUCER, *conf);
  if (!client)
    return client.error();
  out->client_ = std::move(*client);
  auto* self = out.get();
  self->poller_ = std::thread{[self] {
    while (!self->closed_.load())
      rd_kafka_poll(self->client_.get(), 50);
  }};
  return out;
}

caf::expected<std::unique_ptr<kafka_producer>>
kafka_producer::start(std::map<std::string, std::string> properties,
                      report_handler on_report, std::string client_id,
                      fatal_handler on_fatal) {
  return start(
    std::move(properties),
    [on_report = std::move(on_report)](const rd_kafka_message_t& msg) {
      on_report(read_report(msg));
    },
    std::move(client_id), std::move(on_fatal));
}

kafka_producer::~kafka_producer() {
  close(std::chrono::milliseconds{0});
}

void kafka_producer::on_report(rd_kafka_t*, const rd_kafka_message_t* msg,
                               void* opaque) {
  auto* self = static_cast<kafka_producer*>(opaque);
  if (self->on_delivery_)
    self->on_delivery_(*msg);
}

void kafka_producer::on_error(rd_kafka_t* client, int code, const char* reason,
                              void* opaque) {
  auto* self = static_cast<kafka_producer*>(opaque);
  if (static_cast<rd_kafka_resp_err_t>(code) != RD_KAFKA_RESP_ERR__FATAL) {
    // Broker disconnects and the like: librdkafka retries on its own and
    // logs them itself.
    HOT_LOG_DEBUG("kafka", "producer: " << reason);
    return;
  }
  std::array<char, 512> detail{};
  auto cause = rd_kafka_fatal_error(client, detail.data(), detail.size());
  HOT_LOG_ERROR("kafka", "fatal producer error: " << detail.data());
  if (self->on_fatal_)
    self->on_fatal_(
      kafka_error(cause, std::string{"producer: "} + detail.data()));
}

delivery_report read_report(const rd_kafka_message_t& msg) {
  auto bytes = [](const void* data, size_t size) {
    return data == nullptr
             ? std::string_view{}
             : std::string_view{static_cast<const char*>(data), size};
  };
  delivery_report out;
  out.topic = msg.rkt != nullptr ? rd_kafka_topic_name(msg.rkt) : "";
  out.partition = msg.partition;
  out.offset = msg.offset;
  out.key = bytes(msg.key, msg.key_len);
  out.value = bytes(msg.payload, msg.len);
  out.opaque = msg._private;
  if (msg.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    out.failure = rd_kafka_err2str(msg.err);
    out.error = kafka_error(msg.err, "delivery");
  }
  return out;
}

caf::expected<rd_kafka_topic_t*>
kafka_producer::topic(const std::string& name) {
  auto& slot = topics_[name];
  if (!slot) {
    slot.reset(rd_kafka_topic_new(client_.get(), name.c_str(), nullptr));
    if (!slot) {
      topics_.erase(name);
      return kafka_error(rd_kafka_last_error(), "topic " + name);
    }
  }
  return slot.get();
}

kafka_error_ptr kafka_producer::produce(const produce_request& msg) {
  return produce_copy(client_.get(), msg);
}

caf::expected<size_t> kafka_producer::add_topic(const std::string& name) {
  auto handle = topic(name);
  if (!handle)
    return handle.error();
  send_topics_.emplace_back(*handle, name);
  return send_topics_.size() - 1;
}

caf::expected<send_outcome> kafka_producer::send(size_t topic,
                                                 const outgoing_message& msg) {
  const auto& [handle, name] = send_topics_.at(topic);
  produce_request request;
  request.topic = handle;
  request.key = msg.key;
  request.value = msg.value;
  request.timestamp_ms = msg.timestamp_ms;
  request.opaque = msg.opaque;
  auto error = produce(request);
  if (!error)
    return send_outcome::queued;
  if (is_queue_full(*error))
    return send_outcome::queue_full;
  return kafka_error(error.release(), "produce to " + name);
}

int kafka_producer::outstanding() const {
  return rd_kafka_outq_len(client_.get());
}

size_t kafka_producer::close(std::chrono::milliseconds timeout) {
  if (closed_.exchange(true) || !client_)
    return 0;
  if (poller_.joinable())
    poller_.join();
  auto* rk = client_.get();
  // Flush polls, so the remaining reports arrive on this thread.
  rd_kafka_flush(rk, static_cast<int>(timeout.count()));
  auto left = rd_kafka_outq_len(rk);
  if (left > 0) {
    rd_kafka_purge(rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    // Purged messages report (as failed) through poll.
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds{1};
    while (rd_kafka_outq_len(rk) > 0
           && std::chrono::steady_clock::now() < until)
      rd_kafka_poll(rk, 10);
  }
  return left > 0 ? static_cast<size_t>(left) : 0;
}

} // namespace hot
