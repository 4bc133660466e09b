// The Redis layout of the per-board day lists. Every key of a day expires
// with the day's global list (see stored_days.hpp).
#pragma once

#include <cstdint>
#include <string>

#include "messages/day_key.hpp"
#include "messages/ids.hpp"

namespace hot {

/// `hot-article::board::{boardId}::list::{yyyyMMdd}`: ZSET, member =
/// decimal article id, score = score; the board's served list of the day.
std::string board_list_key(board_id board, day_key day);

/// `hot-article::board::{boardId}::meta::{yyyyMMdd}`: HASH article id ->
/// the same JSON as the global meta (`encode_meta`), for every article of
/// the board's list and reserve.
std::string board_meta_key(board_id board, day_key day);

/// `hot-article::board::{boardId}::reserve::{yyyyMMdd}`: ZSET of the
/// board's next-ranked articles, used to refill the list after deletes.
std::string board_reserve_key(board_id board, day_key day);

/// `hot-article::board::{boardId}::partial::{yyyyMMdd}::{p}`: ZSET,
/// internal partition p's best articles of the board and day.
std::string board_partial_key(board_id board, day_key day, int32_t partition);

/// `hot-article::board::{boardId}::partial-meta::{yyyyMMdd}::{p}`: HASH,
/// their meta JSON.
std::string board_partial_meta_key(board_id board, day_key day,
                                   int32_t partition);

/// `hot-article::boards::{yyyyMMdd}`: ZSET, member = decimal board id,
/// score = the number of live articles created on that board that day,
/// summed over every internal partition. The day's active boards.
std::string active_boards_key(day_key day);

/// `hot-article::board-counts::{yyyyMMdd}::{p}`: HASH board id -> internal
/// partition p's count of live articles created on that board that day.
std::string board_counts_key(day_key day, int32_t partition);

} // namespace hot
