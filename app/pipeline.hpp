// Wiring: the spawn order of the pipeline's actors and the reverse stop.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/by_article/ranking_tasks.hpp"
#include "actors/kafka/kafka_producer.hpp"
#include "actors/kafka/kafka_settings.hpp"
#include "actors/kafka/kafka_source.hpp"
#include "actors/ranking/ranking_settings.hpp"
#include "actors/redis/redis_settings.hpp"
#include "messages/day_calendar.hpp"
#include "messages/interfaces.hpp"

namespace hot {

struct pipeline_settings {
  kafka_settings kafka;
  redis_settings redis;
  ranking_settings ranking;
  shard_settings shards;
  std::string timezone = "Asia/Seoul";
  std::chrono::milliseconds seal_after = std::chrono::hours{1};
};

/// The running actors, in the order they were spawned.
struct pipeline {
  day_calendar calendar;
  /// Where lists are final for every internal partition, as Redis said at
  /// start: a group with no committed offsets reads from the day after.
  day_key sealed_through;
  ranking_tasks_actor tasks;
  /// Copies of the source topics' events into the internal topic.
  std::shared_ptr<kafka_producer> rekey_producer;
  kafka_source_actor source; // none until start_source
  std::shared_ptr<kafka_health> health = std::make_shared<kafka_health>();
};

/// The actors the pipeline spawned itself, in the order they stop: the
/// source, then the ranking tasks (the others belong to them). Absent ones
/// are invalid handles.
std::vector<caf::actor> top_level_actors(const pipeline& p);

/// Makes CAF's idle workers poll for new jobs every 500 us, not every
/// 50 us, for their first 25 ms without work: the daemon's setting, which
/// anything that measures the pipeline's CPU must share.
void calm_idle_workers(caf::actor_system_config& config);

/// Waits until Redis answers where lists are final (retrying and logging
/// meanwhile; `cancelled` ends the wait), then spawns the ranking tasks.
caf::expected<pipeline>
start_core(caf::actor_system& sys, const pipeline_settings& settings,
           const day_calendar& calendar,
           const std::atomic<bool>* cancelled = nullptr);

/// The same with the calendar read from `settings.timezone` and
/// `settings.seal_after`.
caf::expected<pipeline>
start_core(caf::actor_system& sys, const pipeline_settings& settings,
           const std::atomic<bool>* cancelled = nullptr);

/// Checks (and creates when missing) the internal topic. While the brokers
/// do not answer it logs, marks them down in `p.health` and tries again
/// until `cancelled`; any other failure (a wrong partition count, a topic
/// that cannot be created) is returned at once.
caf::error wait_for_internal_topic(pipeline& p,
                                   const pipeline_settings& settings,
                                   const std::atomic<bool>* cancelled);

/// Starts the producer of the copies and adds the Kafka source: the
/// consumer joins the group and partitions flow. Checks the internal topic
/// first, once.
caf::error start_source(caf::actor_system& sys, pipeline& p,
                        const pipeline_settings& settings,
                        rejection_sink on_rejected = {});

/// Stops in reverse order: the source stops consuming, drains and commits
/// (ranking tasks store everything first), the copies' producer flushes,
/// then the ranking tasks quit. True when everything was stored.
bool stop_pipeline(caf::actor_system& sys, pipeline& p,
                   std::chrono::milliseconds timeout);

} // namespace hot
