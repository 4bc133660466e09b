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

bool retitle(list_snapshot& snapshot, const sealed_edit& edit) {
  for (auto* xs : {&snapshot.top, &snapshot.reserve}) {
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

bool remove(list_snapshot& snapshot, const sealed_edit& edit,
            uint32_t list_size) {
  bool removed = false;
  for (auto* xs : {&snapshot.top, &snapshot.reserve}) {
    auto it = find_article(*xs, edit.article);
    if (it != xs->end()) {
      xs->erase(it);
      removed = true;
    }
  }
  if (!removed)
    return false;
  auto& top = snapshot.top;
  auto& reserve = snapshot.reserve;
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
  return edit.kind == edit_kind::remove ? remove(snapshot, edit, list_size)
                                        : retitle(snapshot, edit);
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
  days_[key] = day{std::move(snapshot), expires_at};
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
