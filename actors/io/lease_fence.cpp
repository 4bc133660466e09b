// The lease fence: whether this instance may write to Redis and commit to
// Kafka right now, as far as its instance lease is known.
#include "actors/io/lease_fence.hpp"

namespace hot {

namespace {

int64_t ticks(lease_fence::clock::time_point at) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           at.time_since_epoch())
    .count();
}

} // namespace

lease_fence::lease_fence(std::chrono::milliseconds margin)
  : enabled_(true), margin_(margin) {
}

void lease_fence::confirm(clock::time_point sent) {
  // Renewals are sent in order by one actor; still, an older answer must
  // never shorten the fence.
  auto at = ticks(sent);
  auto seen = confirmed_at_.load();
  while (seen < at && !confirmed_at_.compare_exchange_weak(seen, at)) {
  }
}

void lease_fence::close() {
  closed_ = true;
}

bool lease_fence::writable(clock::time_point now) const {
  if (!enabled_)
    return true;
  if (closed_.load())
    return false;
  auto at = confirmed_at_.load();
  return at != never && ticks(now) < at + margin_.count();
}

std::chrono::milliseconds
lease_fence::confirmed_ago(clock::time_point now) const {
  auto at = confirmed_at_.load();
  if (at == never)
    return std::chrono::milliseconds{-1};
  return std::chrono::duration_cast<std::chrono::milliseconds>(
    std::chrono::nanoseconds{ticks(now) - at});
}

} // namespace hot
