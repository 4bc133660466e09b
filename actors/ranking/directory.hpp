// The directory actor: owns the shards and the day rankings, seals days.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include <caf/all.hpp>

#include "actors/introspection/actor_meter.hpp"
#include "actors/ranking/ranking_settings.hpp"
#include "actors/ranking/state/stream_clock.hpp"
#include "messages/day_calendar.hpp"
#include "messages/interfaces.hpp"

namespace hot {

struct directory_settings {
  day_calendar calendar;
  ranking_settings ranking;
  shard_settings shards;
  /// How often stream time reaches the shards and seals are checked.
  std::chrono::milliseconds tick_interval = 1s;
  /// Names the ranking task ("p3") in the figures of its actors.
  std::string label;
  /// The internal partition the task ranks; -1: none.
  int32_t partition = -1;
};

struct directory_state {
  static inline const char* name = "directory";

  std::optional<directory_settings> settings;
  redis_writer_actor writer;
  std::vector<shard_actor> shards;
  std::map<day_key, day_ranking_actor> rankings;
  stream_clock clock;
  day_key sealed_through;
  /// The day being sealed; edits for it wait until its final list is
  /// stored, and so do barriers.
  std::optional<day_key> sealing;
  /// The task rebuilds its open days; its writer keeps what it is given
  /// until the partition actor says the replay caught up.
  bool replaying = true;
  std::vector<sealed_edit> held_edits;
  std::vector<std::function<void()>> after_sealing;
  instant next_held_warning;
  uint64_t days_sealed = 0;
  uint64_t tops_routed = 0;
  uint64_t board_changes_routed = 0;
  uint64_t edits_forwarded = 0;
  uint64_t barriers = 0;
  actor_meter meter;
};

/// Spawns the shards, routes their tops to per-day ranking actors (spawned
/// on demand), and seals the next day once the stream time passes its seal
/// instant: every shard hands over its final best and forgets the day, the
/// day's ranking stores the final list and reserve, then the day is marked
/// sealed in Redis and held edits of it go out.
directory_actor::behavior_type
directory(directory_actor::stateful_pointer<directory_state> self,
          directory_settings settings, redis_writer_actor writer,
          day_key sealed_through);

} // namespace hot
