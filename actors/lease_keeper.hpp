// The lease keeper actor: takes the group's instance lease in Redis and
// keeps it, or waits as a standby until it can take it.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <caf/all.hpp>

#include "actors/actor_meter.hpp"
#include "actors/io/instance_lease.hpp"
#include "actors/settings.hpp"
#include "messages/interfaces.hpp"

namespace hot {

struct lease_settings {
  /// Off: every instance consumes at once (one instance per group only).
  bool enabled = true;
  /// How long the lease outlives its last renewal.
  std::chrono::milliseconds ttl = std::chrono::seconds{10};
  /// How often the holder renews it and a standby tries to take it.
  std::chrono::milliseconds renew_interval = std::chrono::seconds{2};
};

/// What the keeper knows, read by the daemon's main thread without asking
/// the actor (which may be blocked on Redis).
struct lease_status {
  std::atomic<bool> held{false};
  /// Held once, then found held by another instance or by nobody.
  std::atomic<bool> lost{false};
  /// Steady-clock time (ns) at which the last successful take or renewal
  /// was sent: Redis keeps the lease at least `ttl` past it.
  std::atomic<int64_t> confirmed_at{0};

  /// How long ago the lease was last confirmed.
  std::chrono::milliseconds
  confirmed_ago(std::chrono::steady_clock::time_point now) const;
};

struct lease_keeper_state {
  static inline const char* name = "lease_keeper";

  lease_settings settings;
  redis_settings redis;
  std::optional<instance_lease> lease;
  std::optional<redis_connection> connection;
  std::shared_ptr<lease_status> status;
  std::string holder;     // the last holder seen, for logs
  std::string last_error; // the last Redis failure, logged once
  bool released = false;
  uint64_t acquisitions = 0;
  uint64_t renewals = 0;
  uint64_t failures = 0;
  actor_meter meter;
};

/// Ticks itself every renew interval. A standby tries to take the lease; the
/// holder renews it. On losing it, the keeper only marks `lost`: stopping
/// the writes is the daemon's (see daemon.cpp). Spawn it detached: hiredis
/// calls block.
using lease_keeper_actor = caf::typed_actor<
  /// Its own timer.
  caf::reacts_to<tick_atom>,
  /// From main (shutdown, after the last write): releases the lease if held
  /// and stops renewing; answered when done.
  caf::replies_to<drain_atom>::with<caf::ok_atom>,
  caf::replies_to<stats_atom>::with<std::vector<actor_stats>>>;

lease_keeper_actor::behavior_type
lease_keeper(lease_keeper_actor::stateful_pointer<lease_keeper_state> self,
             lease_settings settings, redis_settings redis, std::string group,
             std::shared_ptr<lease_status> status);

} // namespace hot
