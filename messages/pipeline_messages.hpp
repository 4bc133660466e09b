// Messages that flow along the pipeline: partitions -> shards -> rankings ->
// Redis writer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "messages/day_key.hpp"
#include "messages/event.hpp"
#include "messages/ids.hpp"
#include "messages/local_datetime.hpp"
#include "messages/snowflake.hpp"

namespace hot {

/// One Kafka topic partition.
struct partition_ref {
  std::string topic;
  int32_t partition = 0;

  /// "board-like/2"
  std::string to_string() const {
    return topic + '/' + std::to_string(partition);
  }

  friend bool operator==(const partition_ref& a, const partition_ref& b) {
    return a.partition == b.partition && a.topic == b.topic;
  }
  friend bool operator<(const partition_ref& a, const partition_ref& b) {
    return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
  }

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, partition_ref& x) {
    return f(caf::meta::type_name("partition_ref"), x.topic, x.partition);
  }
};

/// An event plus the instant Kafka stamped on its message: a day whose seal
/// instant lies before that stamp no longer takes its counts.
struct published_event {
  event ev;
  instant published;

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, published_event& x) {
    return f(caf::meta::type_name("published_event"), x.ev, x.published);
  }
};

/// The ranking task's stream time as of an event's place in its internal
/// partition: what the watermarks read before it say.
struct clock_step {
  /// The index, in its batch, of the first event this stream time holds for.
  uint32_t before = 0;
  instant stream_time;

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, clock_step& x) {
    return f(caf::meta::type_name("clock_step"), x.before, x.stream_time);
  }
};

/// Decoded events of one partition routed to one shard, in offset order,
/// with the stream time wherever it moved between them: waiting counts
/// expire at the same place in the log in every run, replays included.
struct event_batch {
  std::vector<published_event> events;
  std::vector<clock_step> clock;

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, event_batch& x) {
    return f(caf::meta::type_name("event_batch"), x.events, x.clock);
  }
};

/// What a shard did with each event of a batch; returned as the batch's
/// credit so the partition actor can count by topic. Partitions and shards
/// also keep the sum since their start: wide enough never to wrap.
struct batch_outcome {
  uint64_t applied = 0;    // changed an article's state
  uint64_t stale = 0;      // duplicate, or older than what is applied
  uint64_t pending = 0;    // kept until the article's creation arrives
  uint64_t late = 0;       // for a day that is sealed
  uint64_t beyond_day = 0; // happened after the end of the article's day
  uint64_t deleted = 0;    // for an article that is deleted
  /// Earlier counts (once `pending`) this batch's creations applied.
  uint64_t applied_later = 0;

  batch_outcome& operator+=(const batch_outcome& x) {
    applied += x.applied;
    applied_later += x.applied_later;
    stale += x.stale;
    pending += x.pending;
    late += x.late;
    beyond_day += x.beyond_day;
    deleted += x.deleted;
    return *this;
  }

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, batch_outcome& x) {
    return f(caf::meta::type_name("batch_outcome"), x.applied, x.stale,
             x.pending, x.late, x.beyond_day, x.deleted, x.applied_later);
  }
};

/// An article as a ranking shows it.
struct ranked_article {
  article_id id;
  int64_t score = 0;
  std::string title;
  local_datetime created_at;
  event_id title_version; // eventId that set `title`

  friend bool operator==(const ranked_article& a, const ranked_article& b) {
    return a.id == b.id && a.score == b.score && a.title == b.title
           && a.created_at == b.created_at;
  }
  friend bool operator!=(const ranked_article& a, const ranked_article& b) {
    return !(a == b);
  }

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, ranked_article& x) {
    return f(caf::meta::type_name("ranked_article"), x.id, x.score, x.title,
             x.created_at, x.title_version);
  }
};

/// Ranking order: higher score first, then higher article id.
inline bool ranks_before(const ranked_article& a, const ranked_article& b) {
  return a.score != b.score ? a.score > b.score : a.id > b.id;
}

/// A shard's best articles of one day; sent whenever they change.
struct shard_top {
  uint32_t shard = 0;
  day_key day;
  std::vector<ranked_article> entries; // best first

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, shard_top& x) {
    return f(caf::meta::type_name("shard_top"), x.shard, x.day, x.entries);
  }
};

/// Boards of a day whose best articles or live count changed in a shard
/// since the day's ranking last asked for them: it asks every shard for
/// those boards' tops at its next board flush.
struct board_changes {
  uint32_t shard = 0;
  day_key day;
  std::vector<board_id> boards;

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, board_changes& x) {
    return f(caf::meta::type_name("board_changes"), x.shard, x.day, x.boards);
  }
};

/// A shard's best articles of one day on one board, with the number of
/// live articles created that day on that board in the shard.
struct board_top {
  uint32_t shard = 0;
  day_key day;
  board_id board;
  std::vector<ranked_article> entries; // best first
  uint32_t live = 0;

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, board_top& x) {
    return f(caf::meta::type_name("board_top"), x.shard, x.day, x.board,
             x.entries, x.live);
  }
};

/// What a shard hands over when a day is sealed: its best articles of the
/// day, and those of every board it tracked that day.
struct shard_final {
  shard_top global;
  std::vector<board_top> boards;

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, shard_final& x) {
    return f(caf::meta::type_name("shard_final"), x.global, x.boards);
  }
};

enum class edit_kind : uint8_t { remove, retitle };

/// A delete or title update for an article of a sealed day; applied to the
/// stored list and its reserve.
struct sealed_edit {
  day_key day;
  article_id article;
  edit_kind kind = edit_kind::remove;
  std::string title;
  event_id title_version;
  /// A title update's board: an article it moves leaves the board list
  /// that holds it (0: no board named).
  board_id board{};

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, sealed_edit& x) {
    return f(caf::meta::type_name("sealed_edit"), x.day, x.article, x.kind,
             x.title, x.title_version, x.board);
  }
};

/// One board's list of a day to store, with the number of live articles
/// created on it that day.
struct board_snapshot {
  board_id board;
  std::vector<ranked_article> top{};
  std::vector<ranked_article> reserve{};
  uint32_t live = 0;

  friend bool operator==(const board_snapshot& a, const board_snapshot& b) {
    return a.board == b.board && a.top == b.top && a.reserve == b.reserve
           && a.live == b.live;
  }

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, board_snapshot& x) {
    return f(caf::meta::type_name("board_snapshot"), x.board, x.top, x.reserve,
             x.live);
  }
};

/// A day's list to store, and the lists of the day's boards that changed
/// since the last one. A final snapshot also stores the reserves and
/// marks the day sealed.
struct list_snapshot {
  day_key day;
  std::vector<ranked_article> top{};
  std::vector<ranked_article> reserve{};
  bool final = false;
  std::vector<board_snapshot> boards{};

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, list_snapshot& x) {
    return f(caf::meta::type_name("list_snapshot"), x.day, x.top, x.reserve,
             x.final, x.boards);
  }
};

/// Adds `newer` boards to `into`, replacing those of the same board.
void merge_boards(std::vector<board_snapshot>& into,
                  std::vector<board_snapshot> newer);

/// What a new owner of an internal partition learns when it claims it in
/// Redis: its owner epoch, carried by every later write, and where the
/// partition's lists are final (a day_key of 0 when Redis knows none).
struct partition_claim {
  int32_t partition = 0;
  uint64_t epoch = 0;
  day_key partition_sealed;
  day_key sealed_through;

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, partition_claim& x) {
    return f(caf::meta::type_name("partition_claim"), x.partition, x.epoch,
             x.partition_sealed, x.sealed_through);
  }
};

} // namespace hot
