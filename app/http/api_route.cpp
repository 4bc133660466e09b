// The HTTP API's routes, matched by a pure function of the request path so
// the server and its fuzz target share one matcher.
#include "app/http/api_route.hpp"

#include <cstdint>
#include <limits>

namespace hot {

namespace {

constexpr std::string_view date_prefix = "/v1/hot-articles/articles/date/";
constexpr std::string_view board_prefix = "/v1/hot-articles/boards/";
constexpr std::string_view board_date_infix = "/articles/date/";
constexpr std::string_view board_recent_suffix = "/articles/recent";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// One non-empty path segment: all of `text`, which holds no slash.
bool one_segment(std::string_view text) {
  return !text.empty() && text.find('/') == std::string_view::npos;
}

// /v1/hot-articles/boards/{boardId}/articles/date/{yyyyMMdd} and
// /v1/hot-articles/boards/{boardId}/articles/recent.
api_request match_board_route(std::string_view rest) {
  api_request out;
  auto slash = rest.find('/');
  if (slash == 0 || slash == std::string_view::npos)
    return out;
  auto board_text = rest.substr(0, slash);
  auto tail = rest.substr(slash);
  std::optional<std::string_view> date_text;
  if (starts_with(tail, board_date_infix)) {
    date_text = tail.substr(board_date_infix.size());
    if (!one_segment(*date_text))
      return out;
  } else if (tail != board_recent_suffix) {
    return out;
  }
  out.board = parse_board_id(board_text);
  if (!out.board) {
    out.route = api_route::bad_board;
    out.argument = std::string{board_text};
    return out;
  }
  if (!date_text) {
    out.route = api_route::board_recent;
    return out;
  }
  out.argument = std::string{*date_text};
  out.day = day_key::parse(*date_text);
  if (!out.day) {
    out.board.reset();
    out.route = api_route::bad_date;
    return out;
  }
  out.route = api_route::board_day_list;
  return out;
}

} // namespace

std::optional<board_id> parse_board_id(std::string_view text) {
  constexpr auto max = std::numeric_limits<int64_t>::max();
  if (text.empty() || text.size() > 19 || text.front() == '0')
    return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return std::nullopt;
    int digit = c - '0';
    if (value > (max - digit) / 10)
      return std::nullopt;
    value = value * 10 + digit;
  }
  return board_id{value};
}

api_request match_api_route(std::string_view path) {
  api_request out;
  if (starts_with(path, date_prefix)) {
    auto argument = path.substr(date_prefix.size());
    if (!one_segment(argument))
      return out;
    out.argument = std::string{argument};
    out.day = day_key::parse(argument);
    out.route = out.day ? api_route::day_list : api_route::bad_date;
    return out;
  }
  if (starts_with(path, board_prefix))
    return match_board_route(path.substr(board_prefix.size()));
  if (path == "/v1/hot-articles/articles/current")
    out.route = api_route::current;
  else if (path == "/v1/hot-articles/articles/recent")
    out.route = api_route::recent;
  else if (path == "/health")
    out.route = api_route::health;
  else if (path == "/metrics")
    out.route = api_route::metrics;
  return out;
}

} // namespace hot
