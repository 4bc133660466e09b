// The generator's Kafka producer: four topics, reference keys, no surprises.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <caf/expected.hpp>

#include "app/generator/delivery_log.hpp"
#include "app/generator/event_routing.hpp"
#include "app/generator/generator.hpp"
#include "messages/snowflake.hpp"

namespace hot {
class kafka_producer;
} // namespace hot

namespace hot::gen {

/// One producer partitioning as the reference's Java producers do
/// (murmur2), with a handle per topic so sends skip the name lookup.
/// Delivery reports arrive on the producer's own thread.
class event_producer {
public:
  /// Configures bootstrap.servers, partitioner=murmur2_random, then the
  /// caller's properties (which win).
  static caf::expected<event_producer> open(const generator_options& options);

  event_producer(event_producer&&) noexcept;
  event_producer& operator=(event_producer&&) noexcept;
  ~event_producer();

  enum class send_result { queued, queue_full };

  /// Queues a copy of `value` with `timestamp` as its CreateTime. On
  /// `queue_full` nothing was queued: poll, then send it again.
  caf::expected<send_result> send(topic_kind topic, std::string_view key,
                                  std::string_view value, instant timestamp);

  /// Waits `timeout`: delivery reports are served meanwhile.
  void poll(std::chrono::milliseconds timeout);

  /// Waits up to `timeout` for every queued message's report. What is
  /// still outstanding then is purged, so its reports say "failed".
  void drain(std::chrono::milliseconds timeout);

  /// Messages queued but not yet reported delivered or failed.
  uint64_t unreported() const;

  const delivery_log& log() const {
    return *log_;
  }

  /// Closes the dump file; the first problem of the run, if any.
  caf::error finish() {
    return log_->finish();
  }

private:
  event_producer() = default;

  // Destroyed bottom-up: the producer (which flushes and stops its
  // delivery thread), then the log its reports were written to.
  std::unique_ptr<delivery_log> log_;
  std::unique_ptr<kafka_producer> producer_;
  // The producer's numbers for the topics, by topic_kind.
  std::array<size_t, topic_kind_count> topics_{};
  uint64_t queued_ = 0;
};

} // namespace hot::gen
