// One shard's article state: counts, tombstones, events waiting for their
// article, and an ordered index per open day.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include <absl/container/btree_set.h>
#include <absl/container/node_hash_map.h>
#include <absl/hash/hash.h>
#include <functional>

#include "actors/ranking/ranking_settings.hpp"
#include "actors/ranking/state/pending_counts.hpp"
#include "actors/ranking/state/versioned_title.hpp"
#include "messages/day_calendar.hpp"
#include "messages/event.hpp"
#include "messages/introspection_messages.hpp"
#include "messages/pipeline_messages.hpp"

namespace hot {

/// What applying one event did.
enum class apply_result : uint8_t {
  applied,
  stale,
  pending,
  late,
  beyond_day,
  deleted,
};

void tally(batch_outcome& outcome, apply_result result);

/// The rules of docs/design.md ("The rules, exactly"), for the articles of
/// one shard: counts are absolute and versioned by eventId per kind, an
/// event counts for its article's day only if it happened before the day's
/// end and was published before the day's seal, deletes are final, and
/// counts that arrive before their article wait (bounded) until it does.
///
/// Each open day keeps its live, positive-score articles ordered by
/// (score desc, id desc), one index per board, so the shard's best articles
/// of the day and of each board are always exact. An article belongs to the
/// board of its newest article event. The day's best `top_size` are among
/// the best `top_size` of each board, which a "candidates" index holds: the
/// day's list reads them, so no article is indexed twice over.
class article_book {
public:
  article_book(day_calendar calendar, score_weights weights,
               shard_settings settings, uint32_t top_size,
               day_key sealed_through);

  apply_result apply(const event& ev, instant published);

  /// For every day whose best `top_size` articles changed since the last
  /// call, appends the new ones.
  void collect_tops(uint32_t shard, std::vector<shard_top>& out);

  /// For every open day, the tracked boards whose best `top_size` articles
  /// or live count changed since they were last taken by `board_tops`,
  /// each named once until then.
  void collect_board_changes(uint32_t shard, std::vector<board_changes>& out);

  /// The best `top_size` and the live count of each of `boards` tracked on
  /// `day`. Each counts as taken: its next change is collected again.
  std::vector<board_top> board_tops(uint32_t shard, day_key day,
                                    const std::vector<board_id>& boards);

  /// Deletes and title updates for sealed days that `apply` produced.
  std::vector<sealed_edit> take_edits();

  /// The best `n` live articles of `day`, best first.
  std::vector<ranked_article> best(day_key day, size_t n) const;

  /// The best `n` live articles of `day` on `board`, best first; empty when
  /// the board is not tracked that day.
  std::vector<ranked_article> best_of_board(day_key day, board_id board,
                                            size_t n) const;

  /// The live articles created on `board` on `day` (0 when not tracked).
  uint32_t live_on_board(day_key day, board_id board) const;

  /// Seals every day up to `day`: returns the best `n` of `day`, and of
  /// each board tracked that day, then drops the state of all sealed days.
  shard_final seal(uint32_t shard, day_key day, size_t n);

  /// Expires waiting events whose wait began before `stream_time -
  /// pending_ttl`, when the stream time moved on since the last call:
  /// every batch states its stream time, and a count must not expire at
  /// a batch's start when it would have waited inside one batch.
  void expire_pending(instant stream_time);

  article_view view(article_id id) const;

  day_key sealed_through() const {
    return sealed_through_;
  }
  size_t articles() const {
    return records_.size();
  }
  size_t tombstones() const {
    return tombstones_;
  }
  size_t pending_events() const {
    return pending_.size();
  }
  size_t open_days() const {
    return days_.size();
  }
  /// Boards tracked over every open day.
  size_t boards_tracked() const;
  /// Articles ranked in their day's list whose board was not tracked, as
  /// the day already tracked `boards.max_per_day` boards.
  uint64_t boards_untracked() const {
    return boards_untracked_;
  }
  uint64_t pending_dropped() const {
    return pending_.dropped();
  }
  /// Counts applied when their article's creation arrived after them.
  uint64_t applied_later() const {
    return applied_later_;
  }
  /// Articles whose createdAt is more than `clock_skew` away from their
  /// id's Snowflake time while `snowflake_article_ids` is on: ids that are
  /// no Snowflakes make counts arriving before their article late.
  uint64_t snowflake_mismatches() const {
    return snowflake_mismatches_;
  }
  /// The last such article, and its createdAt as sent.
  std::pair<article_id, local_datetime> last_snowflake_mismatch() const {
    return last_mismatch_;
  }

private:
  struct rank_key {
    int64_t score;
    article_id id;
    friend bool operator<(const rank_key& a, const rank_key& b) {
      return a.score != b.score ? a.score > b.score : a.id > b.id;
    }
  };

  // The scored articles of one board and day. B-trees: together they hold
  // every scored article of the day, and most events move one entry; nodes
  // of many keys keep that cache-friendly.
  // Nothing of a board's best is copied here: the day's ranking takes it
  // from `index` when it writes the board, so a board costs the same few
  // bytes whatever its size.
  struct board_day {
    absl::btree_set<rank_key> index;
    /// The `top_size`-th key of `index`, while `kth_known`: most events
    /// move articles below it, which then touch nothing else.
    rank_key kth{};
    uint32_t live = 0;
    bool kth_known = false;
    /// Changed since `board_tops` last took it, and already collected.
    bool changed = false;
  };

  struct day_state {
    instant end;
    instant seal;
    /// A node each: references stay valid while boards are added.
    absl::node_hash_map<board_id, board_day, std::hash<board_id>> boards;
    /// The articles of boards past the bound (or of every board when
    /// boards are off): ranked for the day's list only.
    board_day untracked;
    /// The best `top_size` of every board (and of `untracked`): the day's
    /// best `top_size` are its first.
    absl::btree_set<rank_key> candidates;
    /// Boards changed since the last `collect_board_changes`.
    std::vector<board_id> changed_boards;
    std::vector<ranked_article> last_top;
    /// The titles of the day's articles, dropped with the day at its seal.
    title_arena titles;
    bool dirty = false;
  };

  // One per tracked article, so every byte counts (80; with its key a
  // node of 88 bytes, a 96-byte heap chunk): the score follows from the
  // counts, the day from createdAt, whose fields are stored without
  // local_datetime's padding, and the title, with its version, lives in
  // the day's arena.
  struct record {
    std::array<int64_t, count_kind_count> counts{};
    std::array<event_id, count_kind_count> versions{};
    board_id board;
    versioned_title title;
    uint32_t created_nanos = 0;
    int32_t created_year = 1970;
    std::array<uint8_t, 5> created_fields{}; // month, day, hh, mm, ss
    bool deleted = false;
    bool indexed = false;

    local_datetime created_at() const;
    void set_created_at(const local_datetime& at);
    day_key day() const {
      return created_at().date();
    }
  };

  apply_result apply_snapshot(const event& ev);
  apply_result apply_delete(const event& ev);
  apply_result apply_count(count_kind kind, const event& ev, instant published);
  apply_result apply_count_to(article_id article, record& rec, count_kind kind,
                              int64_t count, event_id id, instant at,
                              instant published);
  apply_result keep_pending(count_kind kind, const event& ev,
                            instant published);
  void replay_pending(article_id id, record& rec);
  void check_snowflake(const event& ev);
  int64_t score_of(const record& rec) const;
  /// Moves the article in its day's indexes; `old_score` and `old_board`
  /// are what it is indexed under, if it is.
  void reindex(article_id id, record& rec, int64_t old_score,
               board_id old_board);
  void reindex(article_id id, record& rec, int64_t old_score) {
    reindex(id, rec, old_score, rec.board);
  }
  board_day& group_of(day_state& day, board_id board);
  /// Tracks `board` on `day` if it is or there is room; counts the article
  /// otherwise.
  board_day* track_board(day_state& day, board_id board);
  void mark_board(day_state& day, board_id board, board_day& group);
  bool in_top(board_day& group, const rank_key& key);
  const rank_key& kth_of(board_day& group);
  void rank(day_state& day, board_id board, const rank_key& key);
  void unrank(day_state& day, board_id board, const rank_key& key);
  void note_live(day_state& day, board_id board, int delta);
  std::vector<ranked_article> first_of(const absl::btree_set<rank_key>& index,
                                       size_t n) const;
  day_state& day_for(day_key day);
  /// The article's record, made from `ev` (day, createdAt, board) if new.
  record& record_for(const event& ev, day_key day);
  ranked_article ranked(article_id id, const record& rec) const;
  void update_replay_floor();

  day_calendar calendar_;
  score_weights weights_;
  shard_settings settings_;
  uint32_t top_size_;
  day_key sealed_through_;
  /// Articles whose Snowflake instant is before this belong to sealed days.
  instant replay_floor_;
  struct article_hash {
    size_t operator()(article_id id) const {
      return absl::Hash<int64_t>{}(id.value());
    }
  };

  // A node per record: a flat table's empty slots would each cost a whole
  // record, and tables run half empty after growing.
  absl::node_hash_map<article_id, record, article_hash> records_;
  std::map<day_key, day_state> days_;
  size_t tombstones_ = 0;
  uint64_t boards_untracked_ = 0;
  uint64_t applied_later_ = 0;
  uint64_t snowflake_mismatches_ = 0;
  std::pair<article_id, local_datetime> last_mismatch_;
  pending_counts pending_;
  /// The stream time of the last expiry: a waiting count's wait starts at
  /// the latest of it and its stamp.
  instant stream_time_ = instant::min();
  std::vector<sealed_edit> edits_;
};

} // namespace hot
