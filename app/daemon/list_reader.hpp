// Reads day lists from Redis for the HTTP threads.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include <caf/expected.hpp>

#include "actors/io/list_store.hpp"
#include "actors/io/redis_connection.hpp"
#include "actors/settings.hpp"

namespace hot {

/// A small pool of Redis connections shared by the HTTP worker threads:
/// each read borrows one, and a broken one is dropped, not returned.
class list_reader {
public:
  explicit list_reader(redis_settings settings);

  /// The day's list, best first; empty when Redis holds none.
  caf::expected<std::vector<listed_article>> read(day_key day);

  /// A sealed day's reserve, best first.
  caf::expected<std::vector<listed_article>> read_reserve(day_key day);

  /// Round trip to Redis, for /health.
  caf::error ping();

private:
  caf::expected<std::vector<listed_article>>
  run(const std::vector<redis_command>& commands);
  caf::expected<redis_connection> borrow();
  void give_back(redis_connection conn);

  redis_settings settings_;
  std::mutex mutex_;
  std::vector<redis_connection> idle_;
};

} // namespace hot
