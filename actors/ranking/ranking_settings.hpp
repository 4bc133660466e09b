// Tunables of the ranking: scores, list sizes, shards; documented defaults.
#pragma once

#include <chrono>
#include <cstdint>

namespace hot {

using namespace std::chrono_literals;

/// score = likes * likes_weight + comments * comments_weight + views * ...
struct score_weights {
  int64_t likes = 3;
  int64_t comments = 2;
  int64_t views = 1;
};

struct ranking_settings {
  score_weights weights;
  /// Articles in a day's list.
  uint32_t list_size = 10;
  /// Next-ranked articles stored with a sealed list, to backfill deletes
  /// that arrive after the seal.
  uint32_t reserve_size = 10;
  /// At most one Redis write per day per interval. A change waits for the
  /// next write, so this bounds how stale Redis is (50 writes a second per
  /// open day are nothing to Redis).
  std::chrono::milliseconds flush_interval = 20ms;
  /// Articles in the served list when `list_size` is a partial's (list
  /// and reserve); 0: `list_size`.
  uint32_t served_size = 0;
  /// At most one write of a day's changed board lists per interval. Most
  /// events change their board's best, and each changed board is one
  /// script in Redis: a board page can wait a second where the day's list
  /// does not.
  std::chrono::milliseconds board_flush_interval = 1s;
};

/// The per-board day lists (`ranking.boards.*`).
struct board_settings {
  /// Off: nothing per board is kept or written. Off by default: with
  /// 1 000 boards the lists cost stage 2 about twice its CPU and a fifth
  /// more memory today (bench/RESULTS.md, "Per-board lists").
  bool enabled = false;
  /// Boards each shard tracks per day. An article of a board past the
  /// bound is still ranked in the day's list, but its board is not: such
  /// articles are counted and logged.
  uint32_t max_per_day = 100'000;
};

struct shard_settings {
  /// Shards per ranking task, that is per owned internal partition.
  uint32_t count = 1;
  /// Like/comment/view events kept per shard while their article's
  /// ARTICLE_CREATED has not arrived; the oldest go first when full.
  uint32_t pending_limit = 100'000;
  /// Such events expire once the stream time passes their Kafka timestamp
  /// by this much.
  std::chrono::milliseconds pending_ttl = 1h;
  /// Article ids are Snowflakes (as in the reference): a count event for an
  /// article created before the oldest open day is late at once instead of
  /// waiting for a creation that will never come.
  bool snowflake_article_ids = true;
  /// Slack for clocks: how much earlier than a day's start its events may
  /// be stamped.
  std::chrono::milliseconds clock_skew = 5min;
  board_settings boards;
};

} // namespace hot
