// A day's exact list, merged from every shard's best articles.
#include "actors/ranking/state/day_list.hpp"

#include <algorithm>

namespace hot {

std::vector<ranked_article> best_of(std::vector<ranked_article> candidates,
                                    size_t n) {
  auto keep = std::min(n, candidates.size());
  auto middle = candidates.begin() + static_cast<std::ptrdiff_t>(keep);
  std::partial_sort(candidates.begin(), middle, candidates.end(), ranks_before);
  candidates.erase(middle, candidates.end());
  return candidates;
}

std::vector<ranked_article> best_of(std::vector<shard_top> tops, size_t n) {
  std::vector<ranked_article> candidates;
  for (auto& top : tops)
    for (auto& entry : top.entries)
      candidates.push_back(std::move(entry));
  return best_of(std::move(candidates), n);
}

day_list::day_list(uint32_t list_size) : list_size_(list_size) {
}

bool day_list::update(shard_top top) {
  by_shard_[top.shard] = std::move(top.entries);
  std::vector<ranked_article> candidates;
  for (const auto& [shard, entries] : by_shard_)
    candidates.insert(candidates.end(), entries.begin(), entries.end());
  auto merged = best_of(std::move(candidates), list_size_);
  if (merged == merged_)
    return false;
  merged_ = std::move(merged);
  return true;
}

list_snapshot day_list::finalize(day_key day, std::vector<shard_top> finals,
                                 uint32_t list_size, uint32_t reserve_size) {
  auto ranked = best_of(std::move(finals), list_size + reserve_size);
  list_snapshot out;
  out.day = day;
  out.final = true;
  auto split
    = ranked.begin()
      + static_cast<std::ptrdiff_t>(std::min<size_t>(list_size, ranked.size()));
  out.top.assign(ranked.begin(), split);
  out.reserve.assign(split, ranked.end());
  return out;
}

} // namespace hot
