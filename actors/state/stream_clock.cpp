// The pipeline's stream time: how far every assigned partition has come.
#include "actors/state/stream_clock.hpp"

#include <algorithm>

namespace hot {

void stream_clock::report(const partition_ref& partition, instant progress) {
  auto [it, inserted] = progress_.try_emplace(partition, progress);
  if (!inserted)
    it->second = std::max(it->second, progress);
}

void stream_clock::forget(const partition_ref& partition) {
  progress_.erase(partition);
}

std::optional<instant> stream_clock::now() const {
  if (progress_.empty())
    return std::nullopt;
  auto slowest = std::min_element(progress_.begin(), progress_.end(),
                                  [](const auto& a, const auto& b) {
                                    return a.second < b.second;
                                  });
  return slowest->second;
}

} // namespace hot
