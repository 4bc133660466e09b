// The pipeline's stream time: how far every assigned partition has come.
#include "actors/ranking/state/stream_clock.hpp"

#include <algorithm>

namespace hot {

void stream_clock::report(const partition_ref& partition, instant at) {
  auto [it, inserted] = progress_.try_emplace(partition, progress{at, true});
  if (!inserted) {
    it->second.at = std::max(it->second.at, at);
    it->second.assigned = true;
  }
}

void stream_clock::release(const partition_ref& partition) {
  if (auto it = progress_.find(partition); it != progress_.end())
    it->second.assigned = false;
}

std::optional<instant> stream_clock::now() const {
  if (progress_.empty())
    return std::nullopt;
  auto slowest = std::min_element(progress_.begin(), progress_.end(),
                                  [](const auto& a, const auto& b) {
                                    return a.second.at < b.second.at;
                                  });
  return slowest->second.at;
}

size_t stream_clock::assigned() const {
  return static_cast<size_t>(
    std::count_if(progress_.begin(), progress_.end(),
                  [](const auto& kv) { return kv.second.assigned; }));
}

std::vector<partition_ref> stream_clock::held_by_released() const {
  std::vector<partition_ref> out;
  auto slowest = now();
  for (const auto& [ref, p] : progress_)
    if (!p.assigned && slowest && p.at == *slowest)
      out.push_back(ref);
  return out;
}

} // namespace hot
