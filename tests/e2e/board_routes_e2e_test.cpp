// The per-board routes of the running daemon, over its HTTP API and admin
// interface, from board keys written into its Redis as the writer leaves
// them.
#include <catch2/catch.hpp>

#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/board_seed.hpp"

using namespace hot;
using namespace hot::test;
using json = nlohmann::json;

TEST_CASE("the daemon serves a board's lists and the day's active boards",
          "[e2e][boards]") {
  e2e_fixture f;
  auto daemon = f.start_daemon("boards");
  auto day = *day_key::parse("20241001");
  seed_board_list(f.redis, board_id{42}, day,
                  {seeded_article(11, 30, "second"),
                   seeded_article(12, 90, "first")});
  seed_active_board(f.redis, day, board_id{42}, 2);
  seed_active_board(f.redis, day, board_id{7}, 5);

  auto list = daemon.get("/v1/hot-articles/boards/42/articles/date/20241001");
  CHECK(list.status == 200);
  auto articles = list.json();
  REQUIRE(articles.size() == 2);
  CHECK(articles[0]["title"] == "first");
  CHECK(articles[0]["articleIdString"] == "12");
  CHECK(articles[1]["title"] == "second");

  auto empty = daemon.get("/v1/hot-articles/boards/43/articles/date/20241001");
  CHECK(empty.status == 200);
  CHECK(empty.json() == json::array());

  auto recent = daemon.get("/v1/hot-articles/boards/42/articles/recent");
  CHECK(recent.status == 200);
  CHECK(recent.json()["days"].size() == 7);
  CHECK(recent.json()["days"][0]["status"] == "open");

  for (const auto* board : {"abc", "0", "-3", "99999999999999999999"}) {
    INFO(board);
    auto refused = daemon.get(std::string{"/v1/hot-articles/boards/"} + board
                              + "/articles/date/20241001");
    CHECK(refused.status == 400);
    CHECK(refused.json()["status"] == 400);
  }

  auto boards = daemon.admin("/admin/v1/boards/20241001?n=5");
  CHECK(boards.status == 200);
  auto rows = boards.json()["boards"];
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["boardId"] == 7);
  CHECK(rows[0]["articles"] == 5);
  CHECK(rows[0]["top"].is_null());
  CHECK(rows[1]["boardId"] == 42);
  CHECK(rows[1]["top"]["articleId"] == 12);
  CHECK(rows[1]["top"]["title"] == "first");

  auto board_day = daemon.admin("/admin/v1/days/20241001?board=42&n=1");
  CHECK(board_day.status == 200);
  CHECK(board_day.json()["board"] == 42);
  CHECK(board_day.json()["sealed"] == true);
  REQUIRE(board_day.json()["articles"].size() == 1);
  CHECK(board_day.json()["articles"][0]["rank"] == 1);
  CHECK(board_day.json()["articles"][0]["title"] == "first");
  CHECK(daemon.admin("/admin/v1/days/20241001?board=x").status == 400);
  CHECK(daemon.admin("/admin/v1/boards/2024").status == 400);
}
