// What the Redis writer has stored, per day: enough to write it all again
// when Redis comes back without it.
#include "actors/redis/stored_days.hpp"

#include <algorithm>

namespace hot {

namespace {

using entries = std::vector<ranked_article>;

entries::iterator find_article(entries& xs, article_id id) {
  return std::find_if(xs.begin(), xs.end(),
                      [id](const ranked_article& a) { return a.id == id; });
}

bool retitle(entries& top, entries& reserve, const sealed_edit& edit) {
  for (auto* xs : {&top, &reserve}) {
    auto it = find_article(*xs, edit.article);
    if (it == xs->end())
      continue;
    if (edit.title_version <= it->title_version)
      return false;
    it->title = edit.title;
    it->title_version = edit.title_version;
    return true;
  }
  return false;
}

bool remove(entries& top, entries& reserve, const sealed_edit& edit,
            uint32_t list_size) {
  bool removed = false;
  for (auto* xs : {&top, &reserve}) {
    auto it = find_article(*xs, edit.article);
    if (it != xs->end()) {
      xs->erase(it);
      removed = true;
    }
  }
  if (!removed)
    return false;
  while (top.size() < list_size && !reserve.empty()) {
    auto best = std::min_element(reserve.begin(), reserve.end(), ranks_before);
    auto at = std::upper_bound(top.begin(), top.end(), *best, ranks_before);
    top.insert(at, std::move(*best));
    reserve.erase(best);
  }
  return true;
}

} // namespace

bool apply_edit(list_snapshot& snapshot, const sealed_edit& edit,
                uint32_t list_size) {
  return edit.kind == edit_kind::remove
           ? remove(snapshot.top, snapshot.reserve, edit, list_size)
           : retitle(snapshot.top, snapshot.reserve, edit);
}

bool apply_edit(board_snapshot& board, const sealed_edit& edit,
                uint32_t list_size) {
  if (edit.kind == edit_kind::remove)
    return remove(board.top, board.reserve, edit, list_size);
  if (edit.board == board_id{} || edit.board == board.board)
    return retitle(board.top, board.reserve, edit);
  // A newer update names another board: the article leaves this one.
  for (auto* xs : {&board.top, &board.reserve}) {
    auto it = find_article(*xs, edit.article);
    if (it != xs->end() && edit.title_version > it->title_version)
      return remove(board.top, board.reserve, edit, list_size);
  }
  return false;
}

std::vector<board_snapshot>
edit_boards(const std::vector<board_snapshot>& pending,
            const std::vector<board_snapshot>* stored, const sealed_edit& edit,
            uint32_t list_size, bool& changed) {
  auto out = pending;
  changed = false;
  for (auto& board : out)
    changed = apply_edit(board, edit, list_size) || changed;
  if (stored == nullptr)
    return out;
  for (const auto& board : *stored) {
    bool is_pending = std::any_of(out.begin(), out.end(), [&](const auto& b) {
      return b.board == board.board;
    });
    if (is_pending)
      continue;
    auto edited = board;
    if (apply_edit(edited, edit, list_size)) {
      changed = true;
      out.push_back(std::move(edited));
    }
  }
  return out;
}

std::chrono::steady_clock::time_point
day_expiry(day_key day, std::chrono::milliseconds list_ttl,
           std::chrono::steady_clock::time_point now) {
  auto at = std::chrono::system_clock::time_point{day.days() + date::days{2}}
            + list_ttl;
  return now
         + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
           at - std::chrono::system_clock::now());
}

void stored_days::stored(list_snapshot snapshot, clock::time_point expires_at) {
  auto key = snapshot.day;
  // An open day's board lists are its ranking's to write again (the shards
  // hold them): a copy here cost about as much as the ranking's articles.
  // A final snapshot carries every board, and sealed edits fold into it.
  if (!snapshot.final)
    snapshot.boards.clear();
  // A write carries the boards that changed: the others stand as stored.
  auto boards = std::move(snapshot.boards);
  if (auto it = days_.find(key); it != days_.end()) {
    auto kept = std::move(it->second.snapshot.boards);
    merge_boards(kept, std::move(boards));
    boards = std::move(kept);
  }
  days_[key] = day{std::move(snapshot), expires_at};
  days_[key].snapshot.boards = std::move(boards);
}

void stored_days::marker_stored(day_key marker) {
  marker_ = marker_ ? std::max(*marker_, marker) : marker;
}

void stored_days::expire(clock::time_point now) {
  for (auto it = days_.begin(); it != days_.end();)
    it = it->second.expires_at <= now ? days_.erase(it) : std::next(it);
}

const stored_days::day* stored_days::find(day_key key) const {
  auto it = days_.find(key);
  return it == days_.end() ? nullptr : &it->second;
}

} // namespace hot
