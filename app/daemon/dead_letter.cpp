// The dead-letter producer: copies rejected messages to a topic of their own.
#include "app/daemon/dead_letter.hpp"

#include <vector>

#include "actors/io/kafka_producer.hpp"
#include "common/logger.hpp"
#include "messages/decode_error.hpp"

namespace hot {

namespace {

// One line for the first of a kind, then one per this many.
constexpr uint64_t log_every = 1000;

bool worth_logging(uint64_t count) {
  return count == 1 || count % log_every == 0;
}

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
  auto* counts = static_cast<dead_letter_counts*>(opaque);
  if (msg->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++counts->produced;
    return;
  }
  auto failed = ++counts->failed;
  if (worth_logging(failed))
    HOT_LOG_WARN("dead-letter", "a dead letter was not delivered: "
                                  << rd_kafka_err2str(msg->err) << " ("
                                  << failed << " so far)");
}

void add_header(rd_kafka_headers_t* headers, const char* name,
                const std::string& value) {
  rd_kafka_header_add(headers, name, -1, value.data(),
                      static_cast<ssize_t>(value.size()));
}

std::string reason_code(const caf::error& reason) {
  if (auto code = decode_errc_of(reason))
    return std::string{to_string(*code)};
  return "other";
}

} // namespace

caf::expected<std::unique_ptr<dead_letter_producer>>
dead_letter_producer::start(const dead_letter_settings& settings,
                            std::shared_ptr<dead_letter_counts> counts) {
  std::map<std::string, std::string> props{
    {"bootstrap.servers", settings.brokers},
    {"client.id", "hot-articles-dead-letter"},
    {"linger.ms", "50"},
  };
  for (const auto& [name, value] : settings.properties)
    if (!consumer_only_property(name))
      props[name] = value;
  // The bound is ours, whatever the passed-through properties say.
  props["queue.buffering.max.messages"] = std::to_string(settings.queue_limit);
  auto conf = make_kafka_conf(props);
  if (!conf)
    return conf.error();
  rd_kafka_conf_set_opaque(conf->get(), counts.get());
  rd_kafka_conf_set_dr_msg_cb(conf->get(), on_delivery);
  route_kafka_logs(conf->get());
  auto client = make_kafka_client(RD_KAFKA_PRODUCER, *conf);
  if (!client)
    return client.error();
  return std::unique_ptr<dead_letter_producer>{new dead_letter_producer(
    std::move(*client), settings.topic, std::move(counts))};
}

dead_letter_producer::dead_letter_producer(
  kafka_client producer, std::string topic,
  std::shared_ptr<dead_letter_counts> counts)
  : producer_(std::move(producer)),
    topic_(std::move(topic)),
    counts_(std::move(counts)) {
  // Delivery reports arrive only through poll.
  poller_ = std::thread{[this] {
    while (!closed_.load())
      rd_kafka_poll(producer_.get(), 100);
  }};
}

dead_letter_producer::~dead_letter_producer() {
  close(std::chrono::milliseconds{0});
}

void dead_letter_producer::count_drop(std::string_view why) noexcept {
  auto dropped = ++counts_->dropped;
  if (worth_logging(dropped))
    HOT_LOG_WARN("dead-letter", "dead letter dropped: "
                                  << why << " (" << dropped << " so far)");
}

void dead_letter_producer::send(const rejected_message& msg) noexcept {
  if (closed_.load()) {
    count_drop("the producer is closed");
    return;
  }
  try {
    auto* headers = rd_kafka_headers_new(5);
    add_header(headers, dead_letter_header::reason, reason_code(msg.reason));
    add_header(headers, dead_letter_header::detail, describe(msg.reason));
    add_header(headers, dead_letter_header::source_topic, msg.partition.topic);
    add_header(headers, dead_letter_header::source_partition,
               std::to_string(msg.partition.partition));
    add_header(headers, dead_letter_header::source_offset,
               std::to_string(msg.offset));
    std::vector<rd_kafka_vu_t> args(5);
    args[0].vtype = RD_KAFKA_VTYPE_TOPIC;
    args[0].u.cstr = topic_.c_str();
    args[1].vtype = RD_KAFKA_VTYPE_KEY;
    args[1].u.mem.ptr = const_cast<char*>(msg.key.data());
    args[1].u.mem.size = msg.key.size();
    args[2].vtype = RD_KAFKA_VTYPE_VALUE;
    args[2].u.mem.ptr = const_cast<char*>(msg.value.data());
    args[2].u.mem.size = msg.value.size();
    // No RD_KAFKA_MSG_F_BLOCK: a full queue must answer at once.
    args[3].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    args[3].u.i = RD_KAFKA_MSG_F_COPY;
    args[4].vtype = RD_KAFKA_VTYPE_HEADERS;
    args[4].u.headers = headers;
    kafka_error_ptr error{
      rd_kafka_produceva(producer_.get(), args.data(), args.size())};
    if (error) {
      // Headers belong to librdkafka only once a produce succeeds.
      rd_kafka_headers_destroy(headers);
      count_drop(rd_kafka_error_string(error.get()));
    }
  } catch (...) {
    count_drop("out of memory");
  }
}

void dead_letter_producer::close(std::chrono::milliseconds timeout) {
  if (closed_.exchange(true))
    return;
  if (poller_.joinable())
    poller_.join();
  auto* rk = producer_.get();
  rd_kafka_flush(rk, static_cast<int>(timeout.count()));
  if (auto left = rd_kafka_outq_len(rk); left > 0) {
    HOT_LOG_WARN("dead-letter",
                 left << " dead letters still undelivered at shutdown");
    rd_kafka_purge(rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    // Purged messages report (as failed) through poll.
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds{1};
    while (rd_kafka_outq_len(rk) > 0
           && std::chrono::steady_clock::now() < until)
      rd_kafka_poll(rk, 10);
  }
}

rejection_sink
dead_letter_sink(std::shared_ptr<dead_letter_producer> producer) {
  return [producer = std::move(producer)](const rejected_message& msg) {
    producer->send(msg);
  };
}

} // namespace hot
