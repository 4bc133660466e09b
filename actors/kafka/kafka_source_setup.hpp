// What the Kafka source is started with, and what it reports to health
// checks from librdkafka's threads.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>

#include "actors/kafka/kafka_settings.hpp"
#include "actors/kafka/partition.hpp"
#include "messages/day_calendar.hpp"
#include "messages/interfaces.hpp"

namespace hot {

/// What librdkafka's own threads report, read by health checks.
struct kafka_health {
  std::atomic<bool> brokers_down{false};
  std::atomic<int> assigned{0};
};

struct kafka_source_setup {
  kafka_settings settings;
  day_calendar calendar;
  std::chrono::milliseconds clock_skew;
  /// Where the source topics are read from when the group has committed
  /// nothing: the start of the day after this one.
  day_key sealed_through;
  ranking_tasks_actor tasks;
  /// The internal topic and the producer of the copies.
  rekey_target rekey;
  std::shared_ptr<kafka_health> health;
  rejection_sink on_rejected;
};

} // namespace hot
