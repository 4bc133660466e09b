// Requests by route and status, and their latency histogram.
#include <catch2/catch.hpp>

#include "app/http/http_meter.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

} // namespace

TEST_CASE("requests are counted by route and status", "[unit][http]") {
  http_meter meter;
  meter.record(api_route::day_list, 200, 300us);
  meter.record(api_route::bad_date, 400, 100us);
  meter.record(api_route::day_list, 200, 2ms);
  meter.record(api_route::not_found, 404, 50us);
  meter.record(api_route::recent, 418, 1ms);
  auto text = meter.render();
  // Both matcher routes of the date path are one label.
  CHECK(has_line(
    text, R"(hot_articles_http_requests_total{route="date",status="200"} 2)"));
  CHECK(has_line(
    text, R"(hot_articles_http_requests_total{route="date",status="400"} 1)"));
  CHECK(has_line(
    text, R"(hot_articles_http_requests_total{route="other",status="404"} 1)"));
  // Statuses outside the known set share one label.
  CHECK(has_line(
    text,
    R"(hot_articles_http_requests_total{route="recent",status="other"} 1)"));
  CHECK(text.find(R"(route="current",status=)") == std::string::npos);
}

TEST_CASE("the board routes have labels of their own", "[unit][http]") {
  http_meter meter;
  meter.record(api_route::board_day_list, 200, 300us);
  meter.record(api_route::board_recent, 200, 300us);
  meter.record(api_route::bad_board, 400, 100us);
  auto text = meter.render();
  CHECK(has_line(
    text,
    R"(hot_articles_http_requests_total{route="board-date",status="200"} 1)"));
  CHECK(has_line(
    text,
    R"(hot_articles_http_requests_total{route="board-recent",status="200"} 1)"));
  // A bad board id is told apart from a board route served.
  CHECK(has_line(
    text,
    R"(hot_articles_http_requests_total{route="board-invalid",status="400"} 1)"));
  CHECK(text.find(R"(route="date",status=)") == std::string::npos);
}

TEST_CASE("latencies fall into cumulative buckets", "[unit][http]") {
  http_meter meter;
  meter.record(api_route::current, 200, 300us);
  meter.record(api_route::current, 200, 1ms);
  meter.record(api_route::current, 200, 30ms);
  meter.record(api_route::current, 200, 20s);
  auto text = meter.render();
  auto bucket = [](const char* le, int n) {
    return std::string{
             R"(hot_articles_http_request_duration_seconds_bucket{route="current",le=")"}
           + le + "\"} " + std::to_string(n);
  };
  CHECK(has_line(text, bucket("0.0005", 1)));
  // A bound is inclusive: 1 ms lands in le="0.001".
  CHECK(has_line(text, bucket("0.001", 2)));
  CHECK(has_line(text, bucket("0.025", 2)));
  CHECK(has_line(text, bucket("0.05", 3)));
  CHECK(has_line(text, bucket("5", 3)));
  CHECK(has_line(text, bucket("+Inf", 4)));
  CHECK(has_line(
    text,
    R"(hot_articles_http_request_duration_seconds_count{route="current"} 4)"));
  CHECK(has_line(
    text,
    R"(hot_articles_http_request_duration_seconds_sum{route="current"} 20.0313)"));
}
