// A partition's librdkafka queue as a message feed.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <librdkafka/rdkafka.h>

#include "actors/kafka/fetch_health.hpp"
#include "actors/kafka/message_feed.hpp"

namespace hot {

/// Borrows the consumer and the partition's queue: the Kafka source owns
/// both and outlives every partition actor that reads them.
class kafka_feed final : public message_feed {
public:
  kafka_feed(rd_kafka_t* consumer, rd_kafka_queue_t* queue, std::string topic,
             int32_t partition, std::shared_ptr<const fetch_health> fetches);

  size_t consume(size_t max, const visitor& each) override;

  caf::error pause(bool paused) override;

  std::optional<feed_position> position() override;

private:
  rd_kafka_t* consumer_;
  rd_kafka_queue_t* queue_;
  std::string topic_;
  int32_t partition_;
  std::shared_ptr<const fetch_health> fetches_;
  std::vector<rd_kafka_message_t*> batch_; // reused receive buffer
};

} // namespace hot
