// The day-ranking actor: one day's exact list, flushed to Redis.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <caf/all.hpp>

#include "actors/introspection/actor_meter.hpp"
#include "actors/ranking/ranking_settings.hpp"
#include "actors/ranking/state/board_lists.hpp"
#include "actors/ranking/state/day_list.hpp"
#include "messages/interfaces.hpp"

namespace hot {

struct day_ranking_state {
  static inline const char* name = "day_ranking";

  day_key day;
  /// The ranking task's label ("p3"), or empty.
  std::string label;
  ranking_settings settings;
  redis_writer_actor writer;
  /// Asked for the tops of the boards that changed when they are written.
  std::vector<shard_actor> shards;
  day_list list{10};
  board_lists boards{10};
  /// Bumped on every change of the merged list.
  uint64_t version = 0;
  uint64_t stored_version = 0;
  /// Bumped on every note of changed boards.
  uint64_t board_version = 0;
  uint64_t board_stored_version = 0;
  bool flush_in_flight = false;
  /// Set once the final list is on its way: no live list may follow it.
  bool sealing = false;
  bool timer_armed = false;
  /// None before the first write, which goes out at once.
  std::optional<caf::actor_clock::time_point> last_flush_start;
  std::optional<caf::actor_clock::time_point> last_board_flush_start;
  /// The last write took only part of the changed boards: the rest goes
  /// next, without waiting for the board interval.
  bool boards_left = false;
  /// A barrier waits until both versions are stored.
  struct waiter {
    uint64_t version;
    uint64_t board_version;
    caf::typed_response_promise<caf::ok_atom> promise;
  };
  std::vector<waiter> waiting;
  uint64_t flushes = 0;
  uint64_t flush_errors = 0;
  std::chrono::nanoseconds last_flush_latency{0};
  std::chrono::system_clock::time_point last_flush_at;
  std::string last_flush_result = "none";
  actor_meter meter;
};

/// Merges the shards' tops of one day and keeps the day's list in Redis:
/// at most one write per flush interval, only when the list changed. The
/// changed boards go at most once per board flush interval: their tops are
/// asked from every shard then. On seal it stores the final lists with
/// their reserves, answers, and quits.
day_ranking_actor::behavior_type
day_ranking(day_ranking_actor::stateful_pointer<day_ranking_state> self,
            day_key day, ranking_settings settings, redis_writer_actor writer,
            std::vector<shard_actor> shards, std::string label);

} // namespace hot
