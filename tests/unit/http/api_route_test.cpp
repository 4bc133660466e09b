// The HTTP API's route table, as a function of the request path.
#include <catch2/catch.hpp>

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

TEST_CASE("paths beside the routes are not found") {
  for (const auto* path :
       {"", "/", "/v1/hot-articles/articles/date/",
        "/v1/hot-articles/articles/date/20241001/",
        "/v1/hot-articles/articles/date/../../etc/passwd", "/health/",
        "/metrics?x", "/HEALTH", "/v1/hot-articles/articles/current/x"}) {
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
