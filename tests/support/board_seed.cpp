// Per-board day lists written straight into Redis, in the layout of
// board_keys.hpp, for tests of what reads them.
#include "tests/support/board_seed.hpp"

#include <stdexcept>

#include "actors/redis/board_keys.hpp"
#include "actors/redis/list_store.hpp"

namespace hot::test {

namespace {

void call(redis_server& redis, const redis_command& command) {
  auto conn = redis.connect();
  auto reply = conn.call(command);
  if (!reply || (*reply)->type == REDIS_REPLY_ERROR)
    throw std::runtime_error("seeding Redis failed: " + command.front());
}

} // namespace

ranked_article seeded_article(int64_t id, int64_t score, std::string title) {
  ranked_article a;
  a.id = article_id{id};
  a.score = score;
  a.title = std::move(title);
  parse_iso_local_datetime("2025-05-25T02:36:02.746755", a.created_at);
  a.title_version = event_id{1};
  return a;
}

void seed_board_list(redis_server& redis, board_id board, day_key day,
                     const std::vector<ranked_article>& articles) {
  redis_command zadd{"ZADD", board_list_key(board, day)};
  redis_command hset{"HSET", board_meta_key(board, day)};
  for (const auto& a : articles) {
    zadd.push_back(std::to_string(a.score));
    zadd.push_back(std::to_string(a.id.value()));
    hset.push_back(std::to_string(a.id.value()));
    hset.push_back(encode_meta(a));
  }
  call(redis, zadd);
  call(redis, hset);
}

void seed_active_board(redis_server& redis, day_key day, board_id board,
                       int64_t articles) {
  call(redis, {"ZADD", active_boards_key(day), std::to_string(articles),
               std::to_string(board.value())});
}

} // namespace hot::test
