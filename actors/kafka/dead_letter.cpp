// The dead-letter producer: copies rejected messages to a topic of their own.
#include "actors/kafka/dead_letter.hpp"

#include "common/logger.hpp"
#include "messages/decode_error.hpp"

namespace hot {

namespace {

// One line for the first of a kind, then one per this many.
constexpr uint64_t log_every = 1000;

bool worth_logging(uint64_t count) {
  return count == 1 || count % log_every == 0;
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
  auto props = settings.properties;
  props["bootstrap.servers"] = settings.brokers;
  props.emplace("linger.ms", "50");
  // The bound is ours, whatever the passed-through properties say.
  props["queue.buffering.max.messages"] = std::to_string(settings.queue_limit);
  std::unique_ptr<dead_letter_producer> out{
    new dead_letter_producer(settings.topic, std::move(counts))};
  // The counts outlive the producer: `out` owns both, the producer last.
  auto on_delivery = [counts = out->counts_](const rd_kafka_message_t& msg) {
    if (msg.err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      ++counts->produced;
      return;
    }
    auto failed = ++counts->failed;
    if (worth_logging(failed))
      HOT_LOG_WARN("dead-letter", "a dead letter was not delivered: "
                                    << rd_kafka_err2str(msg.err) << " ("
                                    << failed << " so far)");
  };
  auto producer = kafka_producer::start(std::move(props), on_delivery,
                                        "hot-articles-dead-letter");
  if (!producer)
    return producer.error();
  out->producer_ = std::move(*producer);
  return out;
}

dead_letter_producer::dead_letter_producer(
  std::string topic, std::shared_ptr<dead_letter_counts> counts)
  : topic_(std::move(topic)), counts_(std::move(counts)) {
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
    auto reason = reason_code(msg.reason);
    auto detail = describe(msg.reason);
    auto partition = std::to_string(msg.partition.partition);
    auto offset = std::to_string(msg.offset);
    produce_request request;
    request.topic_name = topic_.c_str();
    request.key = msg.key;
    request.value = msg.value;
    request.headers = {{dead_letter_header::reason, reason},
                       {dead_letter_header::detail, detail},
                       {dead_letter_header::source_topic, msg.partition.topic},
                       {dead_letter_header::source_partition, partition},
                       {dead_letter_header::source_offset, offset}};
    // Never blocks: a full queue answers at once.
    if (auto error = producer_->produce(request))
      count_drop(rd_kafka_error_string(error.get()));
  } catch (...) {
    count_drop("out of memory");
  }
}

void dead_letter_producer::close(std::chrono::milliseconds timeout) {
  // No producer: its start failed, and this object never left start().
  if (closed_.exchange(true) || !producer_)
    return;
  if (auto purged = producer_->close(timeout); purged > 0)
    HOT_LOG_WARN("dead-letter",
                 purged << " dead letters still undelivered at shutdown");
}

rejection_sink
dead_letter_sink(std::shared_ptr<dead_letter_producer> producer) {
  return [producer = std::move(producer)](const rejected_message& msg) {
    producer->send(msg);
  };
}

} // namespace hot
