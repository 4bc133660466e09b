// The per-board reads of list_reader against a real redis-server, seeded in
// the layout the writer leaves.
#include <catch2/catch.hpp>

#include "actors/redis/list_reader.hpp"
#include "tests/support/board_seed.hpp"
#include "tests/support/redis_server.hpp"

using namespace hot;

namespace {

const day_key day = *day_key::parse("20261122");

std::vector<int64_t> ids_of(const std::vector<listed_article>& list) {
  std::vector<int64_t> out;
  for (const auto& a : list)
    out.push_back(a.id.value());
  return out;
}

} // namespace

TEST_CASE("a board's day list reads best first with its titles",
          "[redis][boards]") {
  test::redis_server redis;
  list_reader reader{redis.settings()};
  board_id board{7};
  // Ties by id: 10 and 9 share a score, and the larger id ranks first
  // although "9" sorts after "10" as text.
  test::seed_board_list(redis, board, day,
                        {test::seeded_article(9, 50, "nine"),
                         test::seeded_article(10, 50, "ten"),
                         test::seeded_article(3, 80, "three")});
  test::seed_board_list(redis, board_id{8}, day,
                        {test::seeded_article(4, 99, "elsewhere")});

  auto list = reader.read_board(board, day);
  REQUIRE(list);
  CHECK(ids_of(*list) == std::vector<int64_t>{3, 10, 9});
  CHECK((*list)[0].title == "three");
  CHECK((*list)[0].score == 80);
  CHECK((*list)[0].created_at == "2025-05-25T02:36:02.746755");
  CHECK((*list)[2].title == "nine");

  auto nothing = reader.read_board(board_id{99}, day);
  REQUIRE(nothing);
  CHECK(nothing->empty());

  auto days = reader.read_board_days(board, {day.next(), day, day.prev()});
  REQUIRE(days);
  REQUIRE(days->size() == 3);
  CHECK((*days)[0].empty());
  CHECK(ids_of((*days)[1]) == std::vector<int64_t>{3, 10, 9});
  CHECK((*days)[2].empty());
}

TEST_CASE("the most active boards come with their counts and best article",
          "[redis][boards]") {
  test::redis_server redis;
  list_reader reader{redis.settings()};
  test::seed_active_board(redis, day, board_id{5}, 40);
  test::seed_active_board(redis, day, board_id{12}, 7);
  test::seed_active_board(redis, day, board_id{9}, 40);
  test::seed_active_board(redis, day, board_id{3}, 2);
  test::seed_board_list(redis, board_id{5}, day,
                        {test::seeded_article(501, 10, "small"),
                         test::seeded_article(502, 90, "big on five")});
  test::seed_board_list(redis, board_id{9}, day,
                        {test::seeded_article(901, 60, "best on nine")});
  test::seed_board_list(redis, board_id{12}, day,
                        {test::seeded_article(1201, 5, "twelve's"),
                         test::seeded_article(1299, 5, "twelve's newest")});
  // Another day's boards are not this day's.
  test::seed_active_board(redis, day.next(), board_id{77}, 1000);

  auto boards = reader.read_active_boards(day, 3);
  REQUIRE(boards);
  REQUIRE(boards->size() == 3);
  // Equal counts: the larger board id first, as list ties go.
  CHECK((*boards)[0].board == board_id{9});
  CHECK((*boards)[0].articles == 40);
  REQUIRE((*boards)[0].top);
  CHECK((*boards)[0].top->id == article_id{901});
  CHECK((*boards)[0].top->title == "best on nine");
  CHECK((*boards)[1].board == board_id{5});
  CHECK((*boards)[1].articles == 40);
  REQUIRE((*boards)[1].top);
  CHECK((*boards)[1].top->id == article_id{502});
  CHECK((*boards)[1].top->score == 90);
  CHECK((*boards)[1].top->title == "big on five");
  CHECK((*boards)[2].board == board_id{12});
  CHECK((*boards)[2].articles == 7);
  REQUIRE((*boards)[2].top);
  CHECK((*boards)[2].top->id == article_id{1299});

  SECTION("a board counted before its list is written has no top") {
    auto all = reader.read_active_boards(day, 10);
    REQUIRE(all);
    REQUIRE(all->size() == 4);
    CHECK(all->back().board == board_id{3});
    CHECK(all->back().articles == 2);
    CHECK_FALSE(all->back().top);
  }
  SECTION("a day without boards reads empty") {
    auto none = reader.read_active_boards(day.prev(), 10);
    REQUIRE(none);
    CHECK(none->empty());
  }
}

TEST_CASE("a member of the active boards that is no board id is an error",
          "[redis][boards]") {
  test::redis_server redis;
  list_reader reader{redis.settings()};
  auto conn = redis.connect();
  REQUIRE(conn.call({"ZADD", "hot-article::boards::20261122", "3", "x"}));
  CHECK_FALSE(reader.read_active_boards(day, 5));
}
