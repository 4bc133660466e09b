// The per-day indexes of article_book: one per board, and the candidates
// that hold each board's best, from which the day's list is read.
#include <algorithm>
#include <iterator>

#include "actors/ranking/state/article_book.hpp"

namespace hot {

// Each move touches the board's own index, and the candidates only when
// the article enters or leaves the board's best `top_size`: the day's best
// `top_size` are among the union of every board's best `top_size`.
void article_book::reindex(article_id id, record& rec, int64_t old_score,
                           board_id old_board) {
  auto& day = days_[rec.day()];
  auto score = score_of(rec);
  bool eligible = !rec.deleted && score > 0;
  if (rec.indexed
      && (!eligible || score != old_score || rec.board != old_board)) {
    unrank(day, old_board, rank_key{old_score, id});
    rec.indexed = false;
  }
  if (eligible && !rec.indexed) {
    rank(day, rec.board, rank_key{score, id});
    rec.indexed = true;
  }
}

article_book::board_day& article_book::group_of(day_state& day,
                                                board_id board) {
  auto it = day.boards.find(board);
  return it == day.boards.end() ? day.untracked : it->second;
}

article_book::board_day* article_book::track_board(day_state& day,
                                                   board_id board) {
  if (!settings_.boards.enabled)
    return nullptr;
  if (auto it = day.boards.find(board); it != day.boards.end())
    return &it->second;
  // A board once left out stays out for the day: its articles are ranked
  // under `untracked`, and a board list made of some of them would lie.
  if (day.boards.size() >= settings_.boards.max_per_day) {
    ++boards_untracked_;
    return nullptr;
  }
  return &day.boards.try_emplace(board).first->second;
}

void article_book::mark_board(day_state& day, board_id board,
                              board_day& group) {
  if (&group == &day.untracked || group.changed)
    return;
  group.changed = true;
  day.changed_boards.push_back(board);
}

void article_book::note_live(day_state& day, board_id board, int delta) {
  auto it = day.boards.find(board);
  if (it == day.boards.end())
    return;
  it->second.live
    = static_cast<uint32_t>(static_cast<int64_t>(it->second.live) + delta);
  mark_board(day, board, it->second);
}

const article_book::rank_key& article_book::kth_of(board_day& group) {
  if (!group.kth_known) {
    group.kth = *std::next(group.index.begin(), top_size_ - 1);
    group.kth_known = true;
  }
  return group.kth;
}

// Whether `key`, indexed in `group`, is among the group's best `top_size`.
bool article_book::in_top(board_day& group, const rank_key& key) {
  if (top_size_ == 0)
    return false;
  if (group.index.size() <= top_size_)
    return true;
  return !(kth_of(group) < key);
}

void article_book::rank(day_state& day, board_id board, const rank_key& key) {
  auto& group = group_of(day, board);
  if (top_size_ == 0) {
    group.index.insert(key);
    return;
  }
  if (group.index.size() < top_size_) {
    group.index.insert(key);
    day.candidates.insert(key);
    group.kth_known = false;
  } else {
    auto kth = kth_of(group);
    group.index.insert(key);
    if (kth < key)
      return;
    // The article pushes the board's former last out of its best.
    day.candidates.insert(key);
    day.candidates.erase(kth);
    group.kth = *std::prev(group.index.find(kth));
  }
  day.dirty = true;
  mark_board(day, board, group);
}

void article_book::unrank(day_state& day, board_id board, const rank_key& key) {
  auto& group = group_of(day, board);
  bool was_in = in_top(group, key);
  group.index.erase(key);
  if (!was_in)
    return;
  day.candidates.erase(key);
  if (group.index.size() >= top_size_) {
    // The board's next best moves up into its best.
    group.kth = *std::next(group.index.begin(), top_size_ - 1);
    group.kth_known = true;
    day.candidates.insert(group.kth);
  } else {
    group.kth_known = false;
  }
  day.dirty = true;
  mark_board(day, board, group);
}

std::vector<ranked_article>
article_book::first_of(const absl::btree_set<rank_key>& index, size_t n) const {
  std::vector<ranked_article> out;
  for (const auto& key : index) {
    if (out.size() == n)
      break;
    out.push_back(ranked(key.id, records_.at(key.id)));
  }
  return out;
}

void article_book::collect_tops(uint32_t shard, std::vector<shard_top>& out) {
  for (auto& [day, state] : days_) {
    if (!state.dirty)
      continue;
    state.dirty = false;
    auto top = first_of(state.candidates, top_size_);
    if (top != state.last_top) {
      state.last_top = top;
      out.push_back(shard_top{shard, day, std::move(top)});
    }
  }
}

void article_book::collect_board_changes(uint32_t shard,
                                         std::vector<board_changes>& out) {
  for (auto& [day, state] : days_) {
    if (state.changed_boards.empty())
      continue;
    out.push_back(board_changes{shard, day, std::move(state.changed_boards)});
    state.changed_boards.clear();
  }
}

std::vector<board_top>
article_book::board_tops(uint32_t shard, day_key day,
                         const std::vector<board_id>& boards) {
  std::vector<board_top> out;
  auto it = days_.find(day);
  if (it == days_.end())
    return out;
  for (auto board : boards) {
    auto group = it->second.boards.find(board);
    if (group == it->second.boards.end())
      continue;
    group->second.changed = false;
    out.push_back(board_top{shard, day, board,
                            first_of(group->second.index, top_size_),
                            group->second.live});
  }
  return out;
}

std::vector<ranked_article> article_book::best(day_key day, size_t n) const {
  auto it = days_.find(day);
  if (it == days_.end())
    return {};
  const auto& state = it->second;
  if (n <= top_size_)
    return first_of(state.candidates, n);
  // Beyond the candidates: merge every board's best `n`.
  std::vector<rank_key> keys;
  auto take = [&](const absl::btree_set<rank_key>& index) {
    auto end = std::next(
      index.begin(), static_cast<std::ptrdiff_t>(std::min(n, index.size())));
    keys.insert(keys.end(), index.begin(), end);
  };
  take(state.untracked.index);
  for (const auto& [board, group] : state.boards)
    take(group.index);
  auto keep = std::min(n, keys.size());
  std::partial_sort(
    keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(keep), keys.end());
  std::vector<ranked_article> out;
  for (size_t i = 0; i < keep; ++i)
    out.push_back(ranked(keys[i].id, records_.at(keys[i].id)));
  return out;
}

std::vector<ranked_article>
article_book::best_of_board(day_key day, board_id board, size_t n) const {
  auto it = days_.find(day);
  if (it == days_.end())
    return {};
  auto group = it->second.boards.find(board);
  if (group == it->second.boards.end())
    return {};
  return first_of(group->second.index, n);
}

uint32_t article_book::live_on_board(day_key day, board_id board) const {
  auto it = days_.find(day);
  if (it == days_.end())
    return 0;
  auto group = it->second.boards.find(board);
  return group == it->second.boards.end() ? 0 : group->second.live;
}

size_t article_book::boards_tracked() const {
  size_t total = 0;
  for (const auto& [day, state] : days_)
    total += state.boards.size();
  return total;
}

} // namespace hot
