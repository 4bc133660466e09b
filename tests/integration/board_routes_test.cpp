// The per-board HTTP routes on the wire, served by the HTTP API from a real
// redis-server seeded with the board keys as the writer leaves them.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "actors/redis/list_store.hpp"
#include "app/http/http_api.hpp"
#include "tests/support/board_seed.hpp"
#include "tests/support/redis_server.hpp"

using namespace hot;
using json = nlohmann::json;

namespace {

const std::string boards = "/v1/hot-articles/boards/";

struct api_fixture {
  test::redis_server redis;
  // Sealed at midnight: yesterday is final from the first instant of today.
  day_calendar calendar = *day_calendar::make("UTC", std::chrono::hours{0});
  std::unique_ptr<http_api> api;
  std::unique_ptr<httplib::Client> client;

  explicit api_fixture(std::chrono::milliseconds answer_ttl = {}) {
    api = std::make_unique<http_api>(
      calendar, std::make_shared<list_reader>(redis.settings()),
      std::make_shared<stats_board>(), std::make_shared<service_status>(),
      http_limits{2, std::chrono::seconds{10}, 80 * 1024, 1}, nullptr,
      answer_ttl);
    auto port = api->start("127.0.0.1", 0);
    REQUIRE(port);
    client = std::make_unique<httplib::Client>("127.0.0.1", *port);
  }

  ~api_fixture() {
    api->stop();
  }

  // The answer's status and its body parsed (null when it is no JSON).
  std::pair<int, json> get(const std::string& path) {
    auto res = client->Get(path.c_str());
    REQUIRE(res);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    return {res->status, json::parse(res->body, nullptr, false)};
  }
};

std::vector<std::string> titles_of(const json& articles) {
  std::vector<std::string> out;
  for (const auto& a : articles)
    out.push_back(a.value("title", "?"));
  return out;
}

} // namespace

TEST_CASE("a board's day list is served best first in the global shape",
          "[http][boards]") {
  api_fixture f;
  auto day = *day_key::parse("20241001");
  test::seed_board_list(f.redis, board_id{42}, day,
                        {test::seeded_article(11, 30, "third"),
                         test::seeded_article(382665109438205952, 90, "first"),
                         test::seeded_article(12, 30, "second")});
  test::seed_board_list(f.redis, board_id{43}, day,
                        {test::seeded_article(13, 99, "other board")});

  auto [status, body] = f.get(boards + "42/articles/date/20241001");
  CHECK(status == 200);
  REQUIRE(body.is_array());
  CHECK(titles_of(body)
        == std::vector<std::string>{"first", "second", "third"});
  CHECK(body[0]
        == json{{"articleId", 382665109438205952},
                {"articleIdString", "382665109438205952"},
                {"title", "first"},
                {"createdAt", "2025-05-25T02:36:02.746755"},
                {"score", 90}});

  SECTION("the global list of that day is not the board's") {
    auto [global_status, global] = f.get("/v1/hot-articles/articles/date/"
                                         "20241001");
    CHECK(global_status == 200);
    CHECK(global == json::array());
  }
  SECTION("a board with nothing that day answers an empty list") {
    auto [empty_status, empty] = f.get(boards + "44/articles/date/20241001");
    CHECK(empty_status == 200);
    CHECK(empty == json::array());
    auto [other_day_status, other_day]
      = f.get(boards + "42/articles/date/20241002");
    CHECK(other_day_status == 200);
    CHECK(other_day == json::array());
  }
}

TEST_CASE("a board id that is no positive int64 is refused with 400",
          "[http][boards]") {
  api_fixture f;
  for (const std::string board : {"abc", "0", "-3", "99999999999999999999"}) {
    for (const std::string tail :
         {"/articles/date/20241001", "/articles/recent"}) {
      INFO(board + tail);
      auto [status, body] = f.get(boards + board + tail);
      CHECK(status == 400);
      REQUIRE(body.is_object());
      CHECK(body["status"] == 400);
      auto error = body.value("error", "");
      CHECK_THAT(error, Catch::Contains("invalid board id '" + board + "'"));
      CHECK_THAT(error, Catch::Contains("positive decimal integer"));
      CHECK_THAT(error, Catch::Contains("e.g. 42"));
    }
  }
  SECTION("a bad date on a board route is the usual bad date") {
    auto [status, body] = f.get(boards + "42/articles/date/20250230");
    CHECK(status == 400);
    CHECK_THAT(body.value("error", ""),
               Catch::Contains("invalid date '20250230'"));
  }
  SECTION("the 404 lists the board routes") {
    auto [status, body] = f.get(boards + "42/articles");
    CHECK(status == 404);
    CHECK_THAT(body.value("error", ""),
               Catch::Contains("/v1/hot-articles/boards/{boardId}/articles/"
                               "date/{yyyyMMdd}"));
    CHECK_THAT(body.value("error", ""),
               Catch::Contains("/v1/hot-articles/boards/{boardId}/articles/"
                               "recent"));
  }
}

TEST_CASE("a board's recent days come with where each day stands",
          "[http][boards]") {
  api_fixture f;
  auto today = f.calendar.day_at(now_instant());
  // Tracked since three days ago: the three days before are unknown.
  auto conn = f.redis.connect();
  REQUIRE(conn.call(tracked_since_write(today.plus_days(-3))));
  test::seed_board_list(f.redis, board_id{7}, today.plus_days(-1),
                        {test::seeded_article(21, 5, "yesterday's")});
  test::seed_board_list(f.redis, board_id{7}, today,
                        {test::seeded_article(22, 1, "today's low"),
                         test::seeded_article(23, 8, "today's high")});
  test::seed_board_list(f.redis, board_id{8}, today.plus_days(-2),
                        {test::seeded_article(24, 5, "board 8's")});

  auto [status, body] = f.get(boards + "7/articles/recent");
  CHECK(status == 200);
  const auto& days = body["days"];
  REQUIRE(days.size() == 7);
  const std::vector<std::string> expected_status{
    "open", "final", "final", "final", "unknown", "unknown", "unknown"};
  for (size_t i = 0; i < 7; ++i) {
    INFO("day " << i);
    CHECK(days[i]["date"] == today.plus_days(-static_cast<int>(i)).to_string());
    CHECK(days[i]["status"] == expected_status[i]);
    CHECK(days[i]["final"] == (expected_status[i] == "final"));
  }
  CHECK(titles_of(days[0]["articles"])
        == std::vector<std::string>{"today's high", "today's low"});
  CHECK(titles_of(days[1]["articles"])
        == std::vector<std::string>{"yesterday's"});
  CHECK(days[2]["articles"] == json::array());

  // The same statuses as the global route's.
  auto [global_status, global] = f.get("/v1/hot-articles/articles/recent");
  CHECK(global_status == 200);
  for (size_t i = 0; i < 7; ++i)
    CHECK(global["days"][i]["status"] == days[i]["status"]);
}

TEST_CASE("board answers are cached per board and day", "[http][boards]") {
  api_fixture f{std::chrono::hours{1}};
  auto day = *day_key::parse("20241001");
  test::seed_board_list(f.redis, board_id{42}, day,
                        {test::seeded_article(1, 10, "forty-two")});
  test::seed_board_list(f.redis, board_id{43}, day,
                        {test::seeded_article(2, 10, "forty-three")});
  auto path = boards + "42/articles/date/20241001";
  CHECK(titles_of(f.get(path).second) == std::vector<std::string>{"forty-two"});
  CHECK(titles_of(f.get(boards + "43/articles/date/20241001").second)
        == std::vector<std::string>{"forty-three"});
  test::seed_board_list(f.redis, board_id{42}, day,
                        {test::seeded_article(3, 50, "newer")});
  // Within the cache's time the rendered answer stands.
  CHECK(titles_of(f.get(path).second) == std::vector<std::string>{"forty-two"});
}
