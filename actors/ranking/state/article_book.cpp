// One shard's article state: counts, tombstones, events waiting for their
// article, and an ordered index per open day.
#include "actors/ranking/state/article_book.hpp"

#include <algorithm>
#include <limits>

namespace hot {

namespace {

int64_t saturating_score(const std::array<int64_t, count_kind_count>& counts,
                         const score_weights& w) {
  const int64_t weights[] = {w.likes, w.comments, w.views};
  int64_t total = 0;
  for (size_t i = 0; i < count_kind_count; ++i) {
    int64_t term = 0;
    if (__builtin_mul_overflow(counts[i], weights[i], &term)
        || __builtin_add_overflow(total, term, &total))
      return std::numeric_limits<int64_t>::max();
  }
  return total;
}

} // namespace

local_datetime article_book::record::created_at() const {
  local_datetime out;
  out.year = created_year;
  out.month = created_fields[0];
  out.day = created_fields[1];
  out.hour = created_fields[2];
  out.minute = created_fields[3];
  out.second = created_fields[4];
  out.nanos = created_nanos;
  return out;
}

void article_book::record::set_created_at(const local_datetime& at) {
  created_year = at.year;
  created_fields = {at.month, at.day, at.hour, at.minute, at.second};
  created_nanos = at.nanos;
}

void tally(batch_outcome& outcome, apply_result result) {
  switch (result) {
    case apply_result::applied:
      ++outcome.applied;
      break;
    case apply_result::stale:
      ++outcome.stale;
      break;
    case apply_result::pending:
      ++outcome.pending;
      break;
    case apply_result::late:
      ++outcome.late;
      break;
    case apply_result::beyond_day:
      ++outcome.beyond_day;
      break;
    case apply_result::deleted:
      ++outcome.deleted;
      break;
  }
}

article_book::article_book(day_calendar calendar, score_weights weights,
                           shard_settings settings, uint32_t top_size,
                           day_key sealed_through)
  : calendar_(std::move(calendar)),
    weights_(weights),
    settings_(settings),
    top_size_(top_size),
    sealed_through_(sealed_through),
    pending_(settings.pending_limit, settings.pending_ttl) {
  static_assert(sizeof(record) <= 80,
                "a record beyond 80 bytes takes a larger heap chunk");
  update_replay_floor();
}

apply_result article_book::apply(const event& ev, instant published) {
  if (is_article_event(ev.type))
    return ev.type == event_type::article_deleted ? apply_delete(ev)
                                                  : apply_snapshot(ev);
  return apply_count(*count_kind_of(ev.type), ev, published);
}

apply_result article_book::apply_snapshot(const event& ev) {
  auto day = ev.created_at.date();
  if (day <= sealed_through_) {
    // A sealed list only takes title refreshes; a creation replayed from
    // Kafka carries nothing the stored list does not have.
    if (ev.type == event_type::article_updated)
      edits_.push_back(sealed_edit{day, ev.article, edit_kind::retitle,
                                   ev.title, ev.id, ev.board});
    return apply_result::late;
  }
  auto& rec = record_for(ev, day);
  if (rec.deleted)
    return apply_result::deleted;
  if (ev.id <= rec.title.version())
    return apply_result::stale;
  bool first_snapshot = rec.title.version() == event_id{};
  if (first_snapshot && settings_.snowflake_article_ids)
    check_snowflake(ev);
  auto& state = days_[day];
  rec.title.assign(state.titles, ev.title, ev.id);
  // The newest article event names the board, as it names the title.
  auto old_board = rec.board;
  rec.board = ev.board;
  if (first_snapshot || old_board != ev.board) {
    if (!first_snapshot)
      note_live(state, old_board, -1);
    if (track_board(state, ev.board) != nullptr)
      note_live(state, ev.board, +1);
  }
  if (rec.indexed) {
    if (old_board != ev.board) {
      reindex(ev.article, rec, score_of(rec), old_board);
    } else {
      auto& group = group_of(state, ev.board);
      if (in_top(group, rank_key{score_of(rec), ev.article})) {
        state.dirty = true;
        mark_board(state, ev.board, group);
      }
    }
  }
  if (first_snapshot)
    replay_pending(ev.article, rec);
  return apply_result::applied;
}

article_book::record& article_book::record_for(const event& ev, day_key day) {
  auto [it, inserted] = records_.try_emplace(ev.article);
  auto& rec = it->second;
  if (inserted) {
    rec.set_created_at(ev.created_at);
    rec.board = ev.board;
    day_for(day);
  }
  return rec;
}

apply_result article_book::apply_delete(const event& ev) {
  auto day = ev.created_at.date();
  if (day <= sealed_through_) {
    edits_.push_back(sealed_edit{day, ev.article, edit_kind::remove, {}, {}});
    return apply_result::applied;
  }
  auto& rec = record_for(ev, day);
  if (rec.deleted)
    return apply_result::stale;
  auto old_score = score_of(rec);
  rec.deleted = true;
  ++tombstones_;
  if (rec.title.version() != event_id{})
    note_live(days_[day], rec.board, -1);
  reindex(ev.article, rec, old_score);
  // Counts still waiting for this article can never score.
  pending_.forget(ev.article);
  return apply_result::applied;
}

apply_result article_book::apply_count(count_kind kind, const event& ev,
                                       instant published) {
  auto it = records_.find(ev.article);
  if (it != records_.end() && it->second.deleted)
    return apply_result::deleted;
  if (it == records_.end()) {
    if (settings_.snowflake_article_ids
        && snowflake_instant(ev.article.value()) < replay_floor_)
      return apply_result::late;
    return keep_pending(kind, ev, published);
  }
  return apply_count_to(ev.article, it->second, kind, ev.count, ev.id,
                        ev.time(), published);
}

apply_result article_book::apply_count_to(article_id article, record& rec,
                                          count_kind kind, int64_t count,
                                          event_id id, instant at,
                                          instant published) {
  if (rec.deleted)
    return apply_result::deleted;
  const auto& day = days_[rec.day()];
  if (published >= day.seal)
    return apply_result::late;
  if (at >= day.end)
    return apply_result::beyond_day;
  auto k = static_cast<size_t>(kind);
  if (id <= rec.versions[k])
    return apply_result::stale;
  rec.versions[k] = id;
  if (rec.counts[k] != count) {
    auto old_score = score_of(rec);
    rec.counts[k] = count;
    reindex(article, rec, old_score);
  }
  return apply_result::applied;
}

apply_result article_book::keep_pending(count_kind kind, const event& ev,
                                        instant published) {
  auto kept = pending_.keep(
    ev.article, pending_counts::entry{kind, ev.count, ev.id, published,
                                      std::max(published, stream_time_)});
  return kept ? apply_result::pending : apply_result::stale;
}

void article_book::replay_pending(article_id id, record& rec) {
  for (const auto& p : pending_.take(id))
    if (apply_count_to(id, rec, p.kind, p.count, p.id,
                       snowflake_instant(p.id.value()), p.published)
        == apply_result::applied)
      ++applied_later_;
}

void article_book::check_snowflake(const event& ev) {
  auto minted = snowflake_instant(ev.article.value());
  auto created = calendar_.instant_of(ev.created_at);
  auto apart = minted > created ? minted - created : created - minted;
  if (apart > settings_.clock_skew) {
    ++snowflake_mismatches_;
    last_mismatch_ = {ev.article, ev.created_at};
  }
}

void article_book::expire_pending(instant stream_time) {
  if (stream_time <= stream_time_)
    return;
  stream_time_ = stream_time;
  pending_.expire(stream_time);
}

int64_t article_book::score_of(const record& rec) const {
  return saturating_score(rec.counts, weights_);
}

article_book::day_state& article_book::day_for(day_key day) {
  auto [it, inserted] = days_.try_emplace(day);
  if (inserted) {
    it->second.end = calendar_.end_of(day);
    it->second.seal = calendar_.seal_of(day);
  }
  return it->second;
}

ranked_article article_book::ranked(article_id id, const record& rec) const {
  return ranked_article{id, score_of(rec), std::string{rec.title.text()},
                        rec.created_at(), rec.title.version()};
}

std::vector<sealed_edit> article_book::take_edits() {
  std::vector<sealed_edit> out;
  out.swap(edits_);
  return out;
}

shard_final article_book::seal(uint32_t shard, day_key day, size_t n) {
  shard_final result;
  result.global = shard_top{shard, day, best(day, n)};
  if (auto it = days_.find(day); it != days_.end())
    for (const auto& [board, group] : it->second.boards)
      result.boards.push_back(
        board_top{shard, day, board, first_of(group.index, n), group.live});
  if (day > sealed_through_)
    sealed_through_ = day;
  for (auto it = records_.begin(); it != records_.end();) {
    if (it->second.day() <= sealed_through_) {
      if (it->second.deleted)
        --tombstones_;
      records_.erase(it++);
    } else {
      ++it;
    }
  }
  days_.erase(days_.begin(), days_.upper_bound(sealed_through_));
  update_replay_floor();
  return result;
}

void article_book::update_replay_floor() {
  replay_floor_ = calendar_.start_of(sealed_through_.next())
                  - settings_.clock_skew;
}

article_view article_book::view(article_id id) const {
  article_view out;
  out.id = id;
  if (auto waiting = pending_.waiting_for(id); waiting > 0) {
    out.found = true;
    out.pending_events = static_cast<uint32_t>(waiting);
  }
  auto it = records_.find(id);
  if (it == records_.end())
    return out;
  const auto& rec = it->second;
  out.found = true;
  out.known = rec.title.version() != event_id{};
  out.deleted = rec.deleted;
  out.day = rec.day();
  out.created_at = rec.created_at();
  out.board = rec.board;
  out.title = rec.title.text();
  out.title_version = rec.title.version();
  out.likes = rec.counts[0];
  out.comments = rec.counts[1];
  out.views = rec.counts[2];
  out.likes_version = rec.versions[0];
  out.comments_version = rec.versions[1];
  out.views_version = rec.versions[2];
  out.score = score_of(rec);
  return out;
}

} // namespace hot
