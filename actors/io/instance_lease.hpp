// The instance lease in Redis: which daemon of a consumer group consumes
// and writes. Taken with SET NX PX, renewed and released only by its
// holder (compare-and-set in small Lua scripts).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <caf/expected.hpp>

#include "actors/io/redis_connection.hpp"

namespace hot {

/// `hot-article::lease::{group}`: STRING holding the active instance's id,
/// with a TTL.
std::string lease_key(const std::string& group);

/// A process-unique instance id: host, pid and a random suffix.
std::string make_instance_id();

/// Who holds the lease after a take or renew, and for how much longer.
struct lease_answer {
  bool held = false;  // by this instance
  std::string holder; // empty when nobody holds it
  std::chrono::milliseconds remaining{0};
};

class instance_lease {
public:
  instance_lease(std::string key, std::string instance,
                 std::chrono::milliseconds ttl);

  /// Takes the lease if nobody holds it; otherwise says who does.
  caf::expected<lease_answer> acquire(redis_connection& redis) const;

  /// Extends the lease only while this instance still holds it. A lease that
  /// expired (or vanished with a Redis restart) is not taken back here: the
  /// answer says nobody holds it, and the caller decides whether `acquire`
  /// may take it again (see lease_keeper).
  caf::expected<lease_answer> renew(redis_connection& redis) const;

  /// Deletes the lease if this instance holds it, so a standby takes over at
  /// once instead of after the TTL. True when it was deleted.
  caf::expected<bool> release(redis_connection& redis) const;

  const std::string& key() const {
    return key_;
  }

  const std::string& instance() const {
    return instance_;
  }

private:
  caf::expected<lease_answer> run(redis_connection& redis,
                                  const char* script) const;

  std::string key_;
  std::string instance_;
  std::chrono::milliseconds ttl_;
};

} // namespace hot
