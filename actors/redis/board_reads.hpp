// Consistent reads of the per-board day lists (keys in board_keys.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <caf/expected.hpp>

#include "actors/redis/list_store.hpp"
#include "actors/redis/redis_connection.hpp"
#include "messages/day_key.hpp"
#include "messages/ids.hpp"

namespace hot {

/// MULTI, ZREVRANGE, HGETALL, EXEC: one board's list of the day and its
/// titles as of one instant. Its EXEC reply reads with `parse_list_read`,
/// as the global list's does.
std::vector<redis_command> board_list_read(board_id board, day_key day);

/// ZREVRANGE of the day's active boards, the `n` with the most articles.
redis_command active_boards_read(day_key day, size_t n);

/// A board and its number of live articles created that day.
struct board_count {
  board_id board;
  int64_t articles = 0;
};

/// Parses the reply of `active_boards_read`: most articles first, ties by
/// board id descending (as the lists break score ties by id).
caf::expected<std::vector<board_count>>
parse_active_boards(const redisReply& reply);

/// One of the day's most active boards, with its best article.
struct active_board {
  board_id board;
  int64_t articles = 0;
  /// Empty while the board's list is not written yet.
  std::optional<listed_article> top;
};

} // namespace hot
