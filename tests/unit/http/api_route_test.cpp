// The HTTP API's route table, as a function of the request path.
#include <catch2/catch.hpp>

#include <cstdint>

#include "app/http/api_route.hpp"
#include "app/http/metrics_text.hpp"

using namespace hot;

TEST_CASE("the API's paths map to their routes, with the date parsed once") {
  auto day = match_api_route("/v1/hot-articles/articles/date/20241001");
  CHECK(day.route == api_route::day_list);
  REQUIRE(day.day);
  CHECK(day.day->to_string() == "20241001");

  auto impossible = match_api_route("/v1/hot-articles/articles/date/20250230");
  CHECK(impossible.route == api_route::bad_date);
  CHECK(impossible.argument == "20250230");
  CHECK_FALSE(impossible.day);
  CHECK(match_api_route("/v1/hot-articles/articles/date/2025-13-01").route
        == api_route::bad_date);

  CHECK(match_api_route("/v1/hot-articles/articles/current").route
        == api_route::current);
  CHECK(match_api_route("/v1/hot-articles/articles/recent").route
        == api_route::recent);
  CHECK(match_api_route("/health").route == api_route::health);
  CHECK(match_api_route("/metrics").route == api_route::metrics);
}

TEST_CASE("the board routes carry the board id and the date") {
  auto day
    = match_api_route("/v1/hot-articles/boards/42/articles/date/20241001");
  CHECK(day.route == api_route::board_day_list);
  REQUIRE(day.board);
  CHECK(day.board->value() == 42);
  REQUIRE(day.day);
  CHECK(day.day->to_string() == "20241001");

  auto recent = match_api_route(
    "/v1/hot-articles/boards/9223372036854775807/articles/recent");
  CHECK(recent.route == api_route::board_recent);
  REQUIRE(recent.board);
  CHECK(recent.board->value() == INT64_MAX);
  CHECK_FALSE(recent.day);

  auto bad_day
    = match_api_route("/v1/hot-articles/boards/42/articles/date/20250230");
  CHECK(bad_day.route == api_route::bad_date);
  CHECK(bad_day.argument == "20250230");
}

TEST_CASE("a board id is a positive int64 in plain decimal") {
  for (const auto* board : {"abc", "0", "-3", "+3", "007", "4x",
                            "99999999999999999999", "9223372036854775808"}) {
    INFO(board);
    CHECK_FALSE(parse_board_id(board));
    for (auto tail : {"/articles/recent", "/articles/date/20241001",
                      "/articles/date/2024"}) {
      auto matched = match_api_route(std::string{"/v1/hot-articles/boards/"}
                                     + board + tail);
      CHECK(matched.route == api_route::bad_board);
      CHECK(matched.argument == board);
      CHECK_FALSE(matched.board);
    }
  }
  CHECK(parse_board_id("1")->value() == 1);
}

TEST_CASE("paths beside the routes are not found") {
  for (const auto* path :
       {"", "/", "/v1/hot-articles/articles/date/",
        "/v1/hot-articles/articles/date/20241001/",
        "/v1/hot-articles/articles/date/../../etc/passwd", "/health/",
        "/metrics?x", "/HEALTH", "/v1/hot-articles/articles/current/x",
        "/v1/hot-articles/boards/", "/v1/hot-articles/boards/42",
        "/v1/hot-articles/boards//articles/recent",
        "/v1/hot-articles/boards/42/articles/recent/",
        "/v1/hot-articles/boards/42/articles/date/",
        "/v1/hot-articles/boards/42/articles/date/20241001/x",
        "/v1/hot-articles/boards/42/articles/current",
        "/v1/hot-articles/boards/abc/articles"}) {
    INFO(path);
    CHECK(match_api_route(path).route == api_route::not_found);
  }
}

TEST_CASE("dead-letter counters render by outcome") {
  dead_letter_counts counts;
  counts.produced = 3;
  counts.dropped = 1;
  auto text = render_dead_letter_metrics(counts);
  CHECK_THAT(text, Catch::Contains("# TYPE hot_articles_dead_letters_total "
                                   "counter"));
  CHECK_THAT(
    text,
    Catch::Contains("hot_articles_dead_letters_total{outcome=\"produced\"} 3"));
  CHECK_THAT(text, Catch::Contains(
                     "hot_articles_dead_letters_total{outcome=\"failed\"} 0"));
  CHECK_THAT(text, Catch::Contains(
                     "hot_articles_dead_letters_total{outcome=\"dropped\"} 1"));
}
