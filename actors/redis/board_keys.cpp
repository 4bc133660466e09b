// The Redis layout of the per-board day lists.
#include "actors/redis/board_keys.hpp"

namespace hot {

namespace {

std::string board_prefix(board_id board) {
  return "hot-article::board::" + std::to_string(board.value()) + "::";
}

} // namespace

std::string board_list_key(board_id board, day_key day) {
  return board_prefix(board) + "list::" + day.to_string();
}

std::string board_meta_key(board_id board, day_key day) {
  return board_prefix(board) + "meta::" + day.to_string();
}

std::string board_reserve_key(board_id board, day_key day) {
  return board_prefix(board) + "reserve::" + day.to_string();
}

std::string board_partial_key(board_id board, day_key day, int32_t partition) {
  return board_prefix(board) + "partial::" + day.to_string()
         + "::" + std::to_string(partition);
}

std::string board_partial_meta_key(board_id board, day_key day,
                                   int32_t partition) {
  return board_prefix(board) + "partial-meta::" + day.to_string()
         + "::" + std::to_string(partition);
}

std::string active_boards_key(day_key day) {
  return "hot-article::boards::" + day.to_string();
}

std::string board_counts_key(day_key day, int32_t partition) {
  return "hot-article::board-counts::" + day.to_string()
         + "::" + std::to_string(partition);
}

} // namespace hot
