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

#include "actors/io/lease_fence.hpp"
#include "actors/kafka_source.hpp"
#include "actors/settings.hpp"
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
  /// The instance lease's fence, asked before every write; none: always
  /// writable.
  std::shared_ptr<const lease_fence> fence;
};

/// The running actors, in the order they were spawned.
struct pipeline {
  day_calendar calendar;
  redis_writer_actor writer;
  directory_actor directory;
  std::vector<shard_actor> shards;
  day_key sealed_through;
  kafka_source_actor source; // none until start_source
  std::shared_ptr<kafka_health> health = std::make_shared<kafka_health>();
};

/// The actors the pipeline spawned itself, in the order they stop: the
/// source, the directory, the writer (the others belong to them). Absent
/// ones are invalid handles.
std::vector<caf::actor> top_level_actors(const pipeline& p);

/// Spawns the Redis writer, waits until Redis answers which day is sealed
/// (the writer retries and logs meanwhile; `cancelled` ends the wait),
/// then the directory with its shards.
caf::expected<pipeline>
start_core(caf::actor_system& sys, const pipeline_settings& settings,
           const std::atomic<bool>* cancelled = nullptr);

/// Adds the Kafka source: the consumer joins the group and partitions flow.
void start_source(caf::actor_system& sys, pipeline& p,
                  const pipeline_settings& settings,
                  rejection_sink on_rejected = {});

/// Stops in reverse order: the source stops consuming, drains and commits;
/// a last barrier stores every effect; then the directory (with shards and
/// rankings) and the writer quit. True when everything was stored.
bool stop_pipeline(caf::actor_system& sys, pipeline& p,
                   std::chrono::milliseconds timeout);

} // namespace hot
