// libFuzzer target for the HTTP API's request path: route matching and date
// parsing on any decoded path, and the JSON error body built from it.
// Beyond "no crash, no sanitizer report", it checks what each route
// promises about the path it matched.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/http/api_route.hpp"

namespace {

constexpr std::string_view date_prefix = "/v1/hot-articles/articles/date/";
constexpr std::string_view board_prefix = "/v1/hot-articles/boards/";

void check(bool condition) {
  if (!condition)
    std::abort();
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// What the server sends for a bad date: the path's bytes must never make
// building the JSON body throw (invalid UTF-8 is replaced).
void check_error_body(const std::string& argument) {
  nlohmann::json body{{"error", "invalid date '" + argument + "'"},
                      {"status", 400}};
  auto text = body.dump(-1, ' ', false,
                        nlohmann::json::error_handler_t::replace);
  check(nlohmann::json::parse(text, nullptr, false).is_object());
}

void check_day(std::string_view text) {
  auto day = hot::day_key::parse(text);
  if (!day)
    return;
  // Exactly eight digits forming a possible date: printing gives it back.
  check(day->to_string() == text);
  check(day->ymd().ok());
  check(day->next().prev() == *day);
  check(day->plus_days(-1) < *day);
}

// A board route's promises: the board segment prints back from its id, and
// what follows it is exactly one of the two board routes' tails.
void check_board(std::string_view path, const hot::api_request& matched) {
  check(starts_with(path, board_prefix));
  auto rest = path.substr(board_prefix.size());
  auto slash = rest.find('/');
  check(slash != std::string_view::npos && slash > 0);
  auto segment = rest.substr(0, slash);
  auto tail = rest.substr(slash);
  if (matched.route == hot::api_route::bad_board) {
    check(!matched.board && !matched.day);
    check(matched.argument == segment);
    check(!hot::parse_board_id(segment));
    check_error_body(matched.argument);
    return;
  }
  check(matched.board.has_value() && matched.board->value() > 0);
  check(to_string(*matched.board) == segment);
  if (matched.route == hot::api_route::board_recent) {
    check(tail == "/articles/recent");
    check(matched.argument.empty() && !matched.day);
  } else {
    check(tail == "/articles/date/" + matched.argument);
    check(matched.day && matched.day->to_string() == matched.argument);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view path{reinterpret_cast<const char*>(data), size};
  check_day(path);
  auto matched = hot::match_api_route(path);
  auto rest = starts_with(path, date_prefix) ? path.substr(date_prefix.size())
                                             : std::string_view{};
  bool board_path = starts_with(path, board_prefix);
  switch (matched.route) {
    case hot::api_route::day_list:
      check(matched.day.has_value());
      check(matched.argument == rest);
      check(matched.day->to_string() == matched.argument);
      break;
    case hot::api_route::bad_date:
      check(!matched.day && !matched.board && !matched.argument.empty());
      check(board_path || matched.argument == rest);
      check(matched.argument.find('/') == std::string::npos);
      check(!hot::day_key::parse(matched.argument));
      check_error_body(matched.argument);
      break;
    case hot::api_route::current:
      check(path == "/v1/hot-articles/articles/current");
      break;
    case hot::api_route::recent:
      check(path == "/v1/hot-articles/articles/recent");
      break;
    case hot::api_route::board_day_list:
    case hot::api_route::board_recent:
    case hot::api_route::bad_board:
      check_board(path, matched);
      break;
    case hot::api_route::health:
      check(path == "/health");
      break;
    case hot::api_route::metrics:
      check(path == "/metrics");
      break;
    case hot::api_route::not_found:
      check(!starts_with(path, date_prefix) || rest.empty()
            || rest.find('/') != std::string_view::npos);
      break;
  }
  if (matched.route != hot::api_route::day_list
      && matched.route != hot::api_route::bad_date
      && matched.route != hot::api_route::board_day_list
      && matched.route != hot::api_route::bad_board)
    check(matched.argument.empty() && !matched.day);
  return 0;
}
