// The Redis side of the per-board day lists: each partition's board
// partials, merged into the board's served list in one fenced script.
#pragma once

#include <chrono>
#include <cstdint>

#include "actors/redis/partial_store.hpp"
#include "actors/redis/redis_connection.hpp"
#include "messages/pipeline_messages.hpp"

namespace hot {

/// Replaces partition's partial of `board.board` on `day` (and its meta)
/// with `board.top` and `board.reserve`, and its count of the board's live
/// articles; then rebuilds the board's served list, reserve and meta from
/// every partition's board partial, and the board's score among the day's
/// active boards as the sum of every partition's count (no member while
/// that is 0). Every key expires after `ttl` (positive). Fenced by `epoch`
/// like a partial write; answered the same way (`parse_fenced`).
redis_command board_write_command(const partial_layout& layout, day_key day,
                                  int32_t partition, uint64_t epoch,
                                  const board_snapshot& board,
                                  std::chrono::seconds ttl);

} // namespace hot
