// The dead-letter producer: copies rejected messages to a topic of their own.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <caf/expected.hpp>

#include "actors/kafka/kafka_producer.hpp"
#include "actors/kafka/partition.hpp"

namespace hot {

/// Header names on every dead letter.
namespace dead_letter_header {
inline constexpr const char* reason = "hot-articles.reason";
inline constexpr const char* detail = "hot-articles.reason-detail";
inline constexpr const char* source_topic = "hot-articles.source-topic";
inline constexpr const char* source_partition = "hot-articles.source-partition";
inline constexpr const char* source_offset = "hot-articles.source-offset";
} // namespace dead_letter_header

/// What became of the dead letters, for /metrics.
struct dead_letter_counts {
  /// Acknowledged by the broker.
  std::atomic<uint64_t> produced{0};
  /// Given up by librdkafka after its retries, or purged at shutdown.
  std::atomic<uint64_t> failed{0};
  /// Never queued: the producer's queue was full or it refused the message.
  std::atomic<uint64_t> dropped{0};
};

struct dead_letter_settings {
  std::string brokers;
  std::string topic;
  /// librdkafka properties passed through (security settings and such).
  std::map<std::string, std::string> properties;
  /// Messages waiting in the producer; beyond that new ones are dropped.
  uint32_t queue_limit = 10'000;
};

/// Called by partition actors from their own threads, so `send` never
/// blocks and never throws: a full queue costs a dropped dead letter, never
/// a stalled partition. Delivery reports come from the producer's thread.
class dead_letter_producer {
public:
  static caf::expected<std::unique_ptr<dead_letter_producer>>
  start(const dead_letter_settings& settings,
        std::shared_ptr<dead_letter_counts> counts);

  ~dead_letter_producer();

  dead_letter_producer(const dead_letter_producer&) = delete;
  dead_letter_producer& operator=(const dead_letter_producer&) = delete;

  /// Queues a copy of `msg` with headers saying why and where it came from.
  void send(const rejected_message& msg) noexcept;

  /// Waits up to `timeout` for outstanding deliveries, then gives up on the
  /// rest (counted as failed). Later sends are dropped.
  void close(std::chrono::milliseconds timeout);

  const std::shared_ptr<dead_letter_counts>& counts() const {
    return counts_;
  }

private:
  dead_letter_producer(std::string topic,
                       std::shared_ptr<dead_letter_counts> counts);

  void count_drop(std::string_view why) noexcept;

  std::string topic_;
  std::shared_ptr<dead_letter_counts> counts_;
  std::atomic<bool> closed_{false};
  // Last: it goes first, and its reports still find the counts.
  std::unique_ptr<kafka_producer> producer_;
};

/// A rejection sink for the pipeline that keeps `producer` alive as long as
/// any partition actor holds it.
rejection_sink dead_letter_sink(std::shared_ptr<dead_letter_producer> producer);

} // namespace hot
