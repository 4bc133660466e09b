// Where a (re)started pipeline resumes: the last day already final.
#include "actors/ranking/state/recovery.hpp"

#include <algorithm>

namespace hot {

day_key initial_sealed_through(const day_calendar& calendar,
                               std::optional<day_key> stored, instant now,
                               std::chrono::milliseconds list_ttl) {
  auto ttl_days = static_cast<int>(
    std::chrono::duration_cast<std::chrono::hours>(list_ttl).count() / 24);
  auto oldest_kept = calendar.day_at(now).plus_days(-ttl_days);
  auto sealed = stored ? *stored : calendar.last_sealed_at(now);
  return std::max(sealed, oldest_kept);
}

} // namespace hot
