// The lease fence: whether this instance may write to Redis and commit to
// Kafka right now, as far as its instance lease is known.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace hot {

/// Shared by the lease keeper (which confirms it) and everyone who writes
/// (who ask it). The lease is confirmed when a renewal or take that Redis
/// answered "held" was sent; Redis keeps the key at least the TTL past that,
/// so the fence stays open for `margin` (half the TTL) past it. After that
/// the lease's state is unknown: writes wait, nothing is given up. Closed
/// for good once the lease is lost or released. Thread-safe: atomics only.
class lease_fence {
public:
  using clock = std::chrono::steady_clock;

  /// No lease (lease.enabled=false): always writable.
  lease_fence() = default;

  /// Writable for `margin` past each confirmation; not before the first.
  explicit lease_fence(std::chrono::milliseconds margin);

  lease_fence(const lease_fence&) = delete;
  lease_fence& operator=(const lease_fence&) = delete;

  /// A take or renewal sent at `sent` was answered "held by this instance".
  void confirm(clock::time_point sent);

  /// The lease is lost or released: never writable again.
  void close();

  bool writable(clock::time_point now = clock::now()) const;

  /// False for the always-open fence of a daemon without a lease.
  bool enabled() const {
    return enabled_;
  }

  bool closed() const {
    return closed_.load();
  }

  /// How long ago the lease was last confirmed; negative when never.
  std::chrono::milliseconds
  confirmed_ago(clock::time_point now = clock::now()) const;

private:
  static constexpr int64_t never = INT64_MIN;

  bool enabled_ = false;
  std::chrono::nanoseconds margin_{0};
  std::atomic<int64_t> confirmed_at_{never}; // steady-clock ns
  std::atomic<bool> closed_{false};
};

} // namespace hot
