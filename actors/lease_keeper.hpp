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
#include "actors/io/lease_fence.hpp"
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
/// the actor (which may be blocked on Redis). Whether writes may go on right
/// now is the `lease_fence`'s to say.
struct lease_status {
  /// Taken once (and not released yet).
  std::atomic<bool> held{false};
  /// Held once, then found held by another instance: a definite loss.
  std::atomic<bool> lost{false};
};

struct lease_keeper_state {
  static inline const char* name = "lease_keeper";

  lease_settings settings;
  redis_settings redis;
  std::optional<instance_lease> lease;
  std::optional<redis_connection> connection;
  std::shared_ptr<lease_status> status;
  std::shared_ptr<lease_fence> fence;
  std::string holder;     // the last holder seen, for logs
  std::string last_error; // the last Redis failure, logged once
  bool released = false;
  uint64_t acquisitions = 0;
  uint64_t renewals = 0;
  /// Takes again after the key was found gone (Redis restarted empty, or
  /// the lease expired while Redis was out of reach).
  uint64_t retakes = 0;
  uint64_t failures = 0;
  actor_meter meter;
};

/// Ticks itself every renew interval. A standby tries to take the lease; the
/// holder renews it, and each renewal Redis confirms keeps the fence open.
/// A renewal that fails (Redis unreachable) changes nothing: the fence
/// closes by itself half a TTL after the last confirmation and writes wait.
/// A holder that finds the key gone takes it again with the same id (SET
/// NX: only if nobody else did first). Finding another instance's id is a
/// definite loss: the keeper closes the fence and marks `lost`; ending the
/// process is the daemon's (see daemon.cpp). Spawn it detached: hiredis
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
             std::shared_ptr<lease_status> status,
             std::shared_ptr<lease_fence> fence);

} // namespace hot
