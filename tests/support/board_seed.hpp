// Per-board day lists written straight into Redis, in the layout of
// board_keys.hpp, for tests of what reads them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "messages/day_key.hpp"
#include "messages/ids.hpp"
#include "messages/pipeline_messages.hpp"
#include "tests/support/redis_server.hpp"

namespace hot::test {

/// An article of a seeded list; created at 2025-05-25T02:36:02.746755.
ranked_article seeded_article(int64_t id, int64_t score, std::string title);

/// ZADD to the board's list and HSET of its meta (`encode_meta`), as the
/// writer leaves them.
void seed_board_list(redis_server& redis, board_id board, day_key day,
                     const std::vector<ranked_article>& articles);

/// ZADD of the board to the day's active boards with its article count.
void seed_active_board(redis_server& redis, day_key day, board_id board,
                       int64_t articles);

} // namespace hot::test
