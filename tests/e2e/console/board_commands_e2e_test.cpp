// hot-articles-console's board commands run as scripts run them, with
// --once, against the daemon's admin interface over a real redis-server
// seeded with the board keys as the writer leaves them.
#include <catch2/catch.hpp>

#include <regex>

#include <caf/all.hpp>

#include "app/http/admin_api.hpp"
#include "tests/e2e/process.hpp"
#include "tests/support/board_seed.hpp"
#include "tests/support/redis_server.hpp"

using namespace hot;
using namespace hot::test;
using namespace std::chrono_literals;

namespace {

run_result console(std::vector<std::string> args) {
  args.insert(args.begin(), bin("hot-articles-console"));
  return run_command(std::move(args), 30s);
}

bool matches(const std::string& text, const std::string& pattern) {
  return std::regex_search(text, std::regex{pattern});
}

/// The admin interface alone, reading the seeded Redis: the board routes
/// need no pipeline.
struct admin_fixture {
  redis_server redis;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  admin_api admin{sys,
                  *day_calendar::make("UTC", 1h),
                  std::make_shared<stats_board>(),
                  std::make_shared<list_reader>(redis.settings()),
                  "",
                  http_limits{}};
  std::string address;

  admin_fixture() {
    auto port = admin.start("127.0.0.1", 0);
    REQUIRE(port);
    address = "127.0.0.1:" + std::to_string(*port);
  }

  ~admin_fixture() {
    admin.stop();
  }
};

} // namespace

TEST_CASE("boards and day --board print the board lists once",
          "[e2e][boards]") {
  admin_fixture f;
  auto day = *day_key::parse("20261122");
  seed_active_board(f.redis, day, board_id{12}, 1520);
  seed_active_board(f.redis, day, board_id{7}, 33);
  seed_active_board(f.redis, day, board_id{3}, 2);
  seed_board_list(f.redis, board_id{12}, day,
                  {seeded_article(382665109652115456, 712, "추천 리뷰"),
                   seeded_article(382665109438205952, 626, "이벤트 장애")});
  seed_board_list(f.redis, board_id{7}, day,
                  {seeded_article(5, 9, "quiet board")});

  auto boards = console({"--admin", f.address, "boards", "20261122", "2"});
  INFO(boards.output);
  CHECK(boards.exit_code == 0);
  CHECK(matches(boards.output, "day 20261122  2 most active boards\n"));
  CHECK(matches(boards.output, "BOARD +ARTICLES +TOP ARTICLE +SCORE +TITLE\n"));
  CHECK(matches(boards.output,
                R"(\n +12 +1520 +382665109652115456 +712 +추천 리뷰\n)"));
  CHECK(matches(boards.output, R"(\n +7 +33 +5 +9 +quiet board\n)"));
  CHECK_FALSE(matches(boards.output, R"(\n +3 +2 )"));

  auto list = console(
    {"--admin", f.address, "--once", "day", "20261122", "--board", "12"});
  INFO(list.output);
  CHECK(list.exit_code == 0);
  CHECK(matches(list.output, "day 20261122  board 12  (open|sealed)  from "
                             "redis \\(board list\\)  2 articles\n"));
  CHECK(
    matches(list.output, R"(\n +1 +382665109652115456 +712 .* 추천 리뷰\n)"));
  CHECK(
    matches(list.output, R"(\n +2 +382665109438205952 +626 .* 이벤트 장애\n)"));

  auto first
    = console({"--admin", f.address, "day", "20261122", "1", "--board", "12"});
  CHECK(first.exit_code == 0);
  CHECK(matches(first.output, "  1 articles\n"));

  auto empty = console({"--admin", f.address, "day", "20261122", "--board=99"});
  CHECK(empty.exit_code == 0);
  CHECK(matches(empty.output, "board 99 .* 0 articles\n"));

  SECTION("usage errors exit 2 and say what is wrong") {
    auto no_board
      = console({"--admin", f.address, "day", "20261122", "--board"});
    CHECK(no_board.exit_code == 2);
    CHECK(matches(no_board.output, "--board needs a board id"));
    auto bad_board
      = console({"--admin", f.address, "day", "20261122", "--board", "abc"});
    CHECK(bad_board.exit_code == 2);
    CHECK(matches(bad_board.output, "B is a board id .*got 'abc'"));
    auto no_day = console({"--admin", f.address, "boards"});
    CHECK(no_day.exit_code == 2);
    CHECK(matches(no_day.output, "usage: boards YYYYMMDD \\[N\\]"));
    // Past int64: the daemon refuses it, which is bad usage too.
    auto too_big = console({"--admin", f.address, "day", "20261122", "--board",
                            "9999999999999999999"});
    CHECK(too_big.exit_code == 2);
    CHECK(matches(too_big.output, "invalid board id '9999999999999999999'"));
  }
  SECTION("--json prints the admin answer as is") {
    auto raw = console({"--admin", f.address, "--json", "boards", "20261122"});
    CHECK(raw.exit_code == 0);
    auto doc = nlohmann::json::parse(raw.output, nullptr, false);
    REQUIRE(doc.is_object());
    REQUIRE(doc["boards"].size() == 3);
    CHECK(doc["boards"][0]["boardId"] == 12);
    CHECK(doc["boards"][0]["top"]["title"] == "추천 리뷰");
    CHECK(doc["boards"][2]["top"].is_null());
  }
  SECTION("help names both commands") {
    auto help = console({"--admin", f.address, "help"});
    CHECK(help.exit_code == 0);
    CHECK(matches(help.output, "day YYYYMMDD \\[N\\] \\[--board B\\]"));
    CHECK(matches(help.output, "boards YYYYMMDD \\[N\\]"));
    auto usage = console({"--help"});
    CHECK(matches(usage.output, "boards YYYYMMDD \\[N\\]"));
  }
}
