// A partition's librdkafka queue as a message feed.
#include "actors/kafka/kafka_feed.hpp"

#include "actors/kafka/kafka_handles.hpp"

namespace hot {

kafka_feed::kafka_feed(rd_kafka_t* consumer, rd_kafka_queue_t* queue,
                       std::string topic, int32_t partition,
                       std::shared_ptr<const fetch_health> fetches)
  : consumer_(consumer),
    queue_(queue),
    topic_(std::move(topic)),
    partition_(partition),
    fetches_(std::move(fetches)) {
}

size_t kafka_feed::consume(size_t max, const visitor& each) {
  batch_.resize(max);
  auto got = rd_kafka_consume_batch_queue(queue_, 0, batch_.data(), max);
  if (got <= 0)
    return 0;
  for (ssize_t i = 0; i < got; ++i) {
    // Owned from here: released even if the visitor throws.
    kafka_message msg{batch_[static_cast<size_t>(i)]};
    raw_message out;
    out.offset = msg->offset;
    if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      out.error = rd_kafka_message_errstr(msg.get());
      each(out);
      continue;
    }
    rd_kafka_timestamp_type_t type;
    out.timestamp_ms = rd_kafka_message_timestamp(msg.get(), &type);
    if (msg->key != nullptr)
      out.key = {static_cast<const char*>(msg->key), msg->key_len};
    if (msg->payload != nullptr)
      out.value = {static_cast<const char*>(msg->payload), msg->len};
    each(out);
  }
  return static_cast<size_t>(got);
}

caf::error kafka_feed::pause(bool paused) {
  auto list = make_partition_list();
  rd_kafka_topic_partition_list_add(list.get(), topic_.c_str(), partition_);
  auto err = paused ? rd_kafka_pause_partitions(consumer_, list.get())
                    : rd_kafka_resume_partitions(consumer_, list.get());
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return kafka_error(err, paused ? "pause" : "resume");
  return {};
}

std::optional<feed_position> kafka_feed::position() {
  feed_position out;
  auto err = rd_kafka_get_watermark_offsets(consumer_, topic_.c_str(),
                                            partition_, &out.low, &out.high);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR || out.high < 0)
    return std::nullopt;
  out.locally_empty = rd_kafka_queue_length(queue_) == 0;
  out.fetching = fetches_ == nullptr
                 || fetches_->fetching(topic_, partition_,
                                       std::chrono::steady_clock::now());
  return out;
}

} // namespace hot
