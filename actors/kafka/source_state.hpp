// What the Kafka source actor keeps: its setup, the consumer, and the
// partitions assigned to it with their queues and actors.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "actors/introspection/actor_meter.hpp"
#include "actors/kafka/kafka_consumer.hpp"
#include "actors/kafka/kafka_source_setup.hpp"
#include "actors/kafka/partition_assignment.hpp"

namespace hot {

struct kafka_source_state {
  static inline const char* name = "kafka_source";

  std::optional<kafka_source_setup> setup;
  /// What the consumer's queue wakes (the source itself, weakly); the
  /// state never moves, and declared first it outlives the consumer's
  /// watch.
  caf::weak_actor_ptr wakeup;
  kafka_consumer consumer;
  /// Declared after the consumer: the partitions' queues and actors go
  /// before the consumer does.
  std::optional<partition_assignment> assignment;
  bool cooperative = false;
  bool stopping = false;
  bool closed = false;
  /// Set while the state is torn down: callbacks only unassign.
  bool dying = false;
  bool commit_in_flight = false;
  /// The internal partitions' commit waits for this barrier to be stored.
  bool barrier_in_flight = false;
  bool fence_check_in_flight = false;
  uint64_t rebalances = 0;
  /// Time spent in librdkafka's callbacks, which run inside polls.
  std::chrono::steady_clock::duration callback_time{};
  actor_meter meter;

  ~kafka_source_state();
};

} // namespace hot
