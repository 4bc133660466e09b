// The instance's writer connections to Redis.
#include "actors/redis/connection_pool.hpp"

#include <algorithm>

namespace hot {

connection_pool::lease::~lease() {
  if (pool_ && connection_)
    pool_->give_back(std::move(*connection_));
}

std::shared_ptr<connection_pool>
connection_pool::make(redis_settings settings) {
  return std::shared_ptr<connection_pool>{
    new connection_pool(std::move(settings))};
}

connection_pool::connection_pool(redis_settings settings)
  : settings_(std::move(settings)),
    size_(std::max<size_t>(settings_.writer_connections, 1)) {
}

caf::expected<connection_pool::lease> connection_pool::borrow() {
  std::unique_lock<std::mutex> guard{mutex_};
  returned_.wait(guard, [this] { return !idle_.empty() || taken_ < size_; });
  ++taken_;
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return lease{shared_from_this(), std::move(connection)};
  }
  // Connecting may take the whole connect timeout: others go on meanwhile.
  guard.unlock();
  auto connection = redis_connection::open(settings_);
  guard.lock();
  if (!connection) {
    --taken_;
    returned_.notify_one();
    return std::move(connection.error());
  }
  ++open_;
  return lease{shared_from_this(), std::move(*connection)};
}

void connection_pool::give_back(redis_connection connection) {
  std::lock_guard<std::mutex> guard{mutex_};
  --taken_;
  if (connection.broken()) {
    --open_;
    ++losses_;
  } else {
    idle_.push_back(std::move(connection));
  }
  returned_.notify_one();
}

uint64_t connection_pool::losses() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return losses_;
}

size_t connection_pool::open_connections() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return open_;
}

} // namespace hot
