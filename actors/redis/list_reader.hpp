// Reads day lists from Redis for the HTTP threads.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <caf/expected.hpp>

#include "actors/redis/board_reads.hpp"
#include "actors/redis/list_store.hpp"
#include "actors/redis/redis_connection.hpp"
#include "actors/redis/redis_settings.hpp"

namespace hot {

/// A pool of Redis connections shared by the HTTP worker threads: each
/// read borrows one, and a broken one is dropped, not returned.
class list_reader {
public:
  /// `idle_connections`: kept open between reads. One per HTTP thread, or
  /// reads beyond them each pay a connect.
  explicit list_reader(redis_settings settings, size_t idle_connections = 8);

  /// The day's list, best first; empty when Redis holds none.
  caf::expected<std::vector<listed_article>> read(day_key day);

  /// Several days' lists in one round trip, in the order of `days`.
  caf::expected<std::vector<std::vector<listed_article>>>
  read_days(const std::vector<day_key>& days);

  /// One board's list of the day, best first; empty when Redis holds none.
  caf::expected<std::vector<listed_article>> read_board(board_id board,
                                                        day_key day);

  /// One board's lists of several days in one round trip, in the order of
  /// `days`.
  caf::expected<std::vector<std::vector<listed_article>>>
  read_board_days(board_id board, const std::vector<day_key>& days);

  /// The day's `n` boards with the most articles, each with its best
  /// article, in two round trips: the boards, then their lists.
  caf::expected<std::vector<active_board>> read_active_boards(day_key day,
                                                              size_t n);

  /// A sealed day's list and reserve, as of one instant.
  caf::expected<sealed_lists> read_sealed(day_key day);

  /// The first day this deployment ranked (`tracked_since_key`), if
  /// marked.
  caf::expected<std::optional<day_key>> tracked_since();

  /// Round trip to Redis, for /health.
  caf::error ping();

  /// "host:port", for messages about this Redis.
  std::string address() const {
    return settings_.host + ":" + std::to_string(settings_.port);
  }

private:
  /// Sends `commands` in one round trip; the replies, or why there are
  /// none.
  caf::expected<std::vector<redis_reply>>
  exchange(const std::vector<redis_command>& commands);
  /// Several MULTI ... EXEC list reads in one round trip, each parsed by
  /// `parse_list_read`.
  caf::expected<std::vector<std::vector<listed_article>>>
  read_lists(const std::vector<std::vector<redis_command>>& reads);
  caf::expected<redis_connection> borrow();
  void give_back(redis_connection conn);

  redis_settings settings_;
  size_t idle_connections_;
  std::mutex mutex_;
  std::vector<redis_connection> idle_;
};

} // namespace hot
