// The instance's writer connections to Redis, shared by the writers of all
// the partitions it owns.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <caf/expected.hpp>

#include "actors/redis/redis_connection.hpp"
#include "actors/redis/redis_settings.hpp"

namespace hot {

/// At most `redis.writer-connections` connections, each lent to one writer for
/// one round trip at a time. Redis runs one command at a time anyway: a dozen
/// partitions gain nothing from a dozen connections but a dozen idle sockets,
/// and one connection carries their writes back to back. Thread-safe; a writer
/// waits while every connection is lent.
///
/// A connection that broke is thrown away, and `losses()` grows: Redis may
/// have restarted empty behind it, so every writer that sees a new count
/// writes back what it stored, as it would after losing a connection of
/// its own.
class connection_pool : public std::enable_shared_from_this<connection_pool> {
public:
  /// A connection lent to its holder until the lease ends.
  class lease {
  public:
    // A moved-from lease holds no pool, so only the last holder gives the
    // connection back. Assigning over a lease would drop its connection
    // without giving it back.
    lease(lease&&) noexcept = default;
    lease& operator=(lease&&) = delete;
    ~lease();

    redis_connection& operator*() {
      return *connection_;
    }
    redis_connection* operator->() {
      return &*connection_;
    }

  private:
    friend class connection_pool;
    lease(std::shared_ptr<connection_pool> pool, redis_connection connection)
      : pool_(std::move(pool)), connection_(std::move(connection)) {
    }

    std::shared_ptr<connection_pool> pool_;
    std::optional<redis_connection> connection_;
  };

  static std::shared_ptr<connection_pool> make(redis_settings settings);

  /// An idle connection, or a new one while fewer than the size exist;
  /// otherwise waits for one. Fails when Redis cannot be reached.
  caf::expected<lease> borrow();

  /// Connections thrown away as broken since the start.
  uint64_t losses() const;

  /// Connections open now, lent or idle.
  size_t open_connections() const;

  const redis_settings& settings() const {
    return settings_;
  }

private:
  explicit connection_pool(redis_settings settings);

  void give_back(redis_connection connection);

  redis_settings settings_;
  size_t size_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<redis_connection> idle_;
  /// Lent, or being opened.
  size_t taken_ = 0;
  size_t open_ = 0;
  uint64_t losses_ = 0;
};

} // namespace hot
