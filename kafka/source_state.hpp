// What the Kafka source actor keeps: its setup, the consumer, and the
// partitions assigned to it with their queues and actors.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>

#include "introspection/actor_meter.hpp"
#include "kafka/kafka_consumer.hpp"
#include "kafka/kafka_handles.hpp"
#include "kafka/kafka_settings.hpp"
#include "kafka/partition.hpp"
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

struct kafka_source_state {
  static inline const char* name = "kafka_source";

  /// librdkafka calls back with a raw pointer; it stays valid until the
  /// partition's queue is destroyed.
  struct wakeup_target {
    partition_actor actor;
  };

  struct assigned_partition {
    partition_actor actor;
    kafka_queue queue;
    std::unique_ptr<wakeup_target> wakeup;
    int64_t committed = -1;
    /// A partition of the internal topic: its offsets are committed only
    /// after its ranking task stored what it applied.
    bool internal = false;
  };

  caf::actor_system* system = nullptr;
  std::optional<kafka_source_setup> setup;
  std::map<std::string, std::string> client_properties;
  kafka_consumer consumer;
  /// Declared after the consumer: queues go before the client does.
  std::map<partition_ref, assigned_partition> partitions;
  /// Every partition of the source topics: each one's watermark must reach
  /// a ranking task before the task may seal a day.
  std::vector<partition_ref> sources;
  bool cooperative = false;
  bool stopping = false;
  bool closed = false;
  /// Set while the state is torn down: callbacks only unassign.
  bool dying = false;
  bool commit_in_flight = false;
  uint64_t rebalances = 0;
  uint64_t commits = 0;
  uint64_t commit_failures = 0;
  /// Time spent in librdkafka's callbacks, which run inside polls.
  std::chrono::steady_clock::duration callback_time{};
  actor_meter meter;

  ~kafka_source_state();
};

} // namespace hot
