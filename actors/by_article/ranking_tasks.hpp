// The ranking tasks actor: one ranking task per owned internal partition.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include <caf/all.hpp>

#include "actors/introspection/actor_meter.hpp"
#include "actors/ranking/directory.hpp"
#include "actors/ranking/ranking_settings.hpp"
#include "actors/redis/connection_pool.hpp"
#include "actors/redis/partial_store.hpp"
#include "actors/redis/redis_settings.hpp"
#include "messages/interfaces.hpp"

namespace hot {

struct ranking_tasks_settings {
  day_calendar calendar;
  ranking_settings ranking;
  shard_settings shards;
  redis_settings redis;
  /// Partitions of the internal topic.
  int32_t partitions = 12;
  /// How long a claim may take before it is dropped, unrun: the Kafka
  /// source gives the partition up by then (kafka.drain-timeout).
  std::chrono::milliseconds claim_timeout{20'000};
  /// How long a task's writer stays fenced before the source claims the
  /// partition again, if Kafka still assigns it here. Longer than a
  /// session timeout: a member the group dropped learns it by then, and a
  /// rebalance under way revokes the partition first.
  std::chrono::milliseconds reclaim_after{20'000};
};

struct ranking_tasks_state {
  static inline const char* name = "ranking_tasks";

  /// Everything that ranks the articles of one internal partition.
  struct task {
    redis_writer_actor writer;
    directory_actor directory;
    std::vector<shard_actor> shards;
    uint64_t epoch = 0;
    day_key sealed_through;
    /// Since when its writer has been refused for a newer epoch.
    std::optional<std::chrono::steady_clock::time_point> fenced_since;
  };

  std::optional<ranking_tasks_settings> settings;
  std::map<int32_t, task> tasks;
  uint64_t claims = 0;
  uint64_t claim_failures = 0;
  uint64_t released = 0;
  /// Writes Redis refused to this instance's writers, whether or not they
  /// still run.
  std::shared_ptr<std::atomic<uint64_t>> fenced_writes
    = std::make_shared<std::atomic<uint64_t>>(0);
  /// The connections every task's writer borrows for its round trips.
  std::shared_ptr<connection_pool> connections;
  actor_meter meter;
};

/// Starts a task when the Kafka source is assigned an internal partition:
/// a Redis writer for the partition claims it (raising its owner epoch,
/// so a former owner's writes are refused from then on), then a directory
/// with its shards rebuilds the partition's open days from the day after
/// the one its lists are final through. Each task writes partial lists of
/// its own articles, `list-size + reserve-size` of them per day, which
/// Redis merges into the served list. Stops a task when its partition is
/// revoked, after the source drained and committed it.
ranking_tasks_actor::behavior_type
ranking_tasks(ranking_tasks_actor::stateful_pointer<ranking_tasks_state> self,
              ranking_tasks_settings settings);

} // namespace hot
