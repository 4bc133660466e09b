// The article-state shard actor.
#pragma once

#include <optional>
#include <string>

#include <caf/all.hpp>

#include "actors/introspection/actor_meter.hpp"
#include "actors/ranking/state/article_book.hpp"
#include "messages/interfaces.hpp"

namespace hot {

struct shard_state {
  static inline const char* name = "shard";

  uint32_t index = 0;
  /// The ranking task's label ("p3"), or empty.
  std::string label;
  directory_actor directory;
  std::optional<article_book> book;
  batch_outcome totals;
  uint64_t batches = 0;
  uint64_t tops_sent = 0;
  /// Board tops given to the day rankings that asked.
  uint64_t board_tops_sent = 0;
  uint64_t edits_sent = 0;
  /// Snowflake mismatches already logged, and when the last log was.
  uint64_t mismatches_logged = 0;
  std::optional<std::chrono::steady_clock::time_point> mismatch_logged_at;
  /// Likewise for articles whose board is not tracked.
  uint64_t untracked_logged = 0;
  std::optional<std::chrono::steady_clock::time_point> untracked_logged_at;
  actor_meter meter;
};

/// Applies batches from partition actors to its `article_book` and sends
/// the directory every change of a day's best articles, the names of the
/// boards whose best changed, and every edit of a sealed day, right after
/// the batch that caused it. A day's ranking asks for the tops of the
/// boards it writes.
shard_actor::behavior_type
shard(shard_actor::stateful_pointer<shard_state> self, uint32_t index,
      directory_actor directory, article_book book, std::string label);

} // namespace hot
