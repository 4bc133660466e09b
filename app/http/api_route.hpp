// The HTTP API's routes, matched by a pure function of the request path so
// the server and its fuzz target share one matcher.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "messages/day_key.hpp"
#include "messages/ids.hpp"

namespace hot {

enum class api_route {
  day_list,       // /v1/hot-articles/articles/date/{yyyyMMdd}
  bad_date,       // a date route with something that is no possible date
  current,        // /v1/hot-articles/articles/current
  recent,         // /v1/hot-articles/articles/recent
  board_day_list, // /v1/hot-articles/boards/{boardId}/articles/date/{yyyyMMdd}
  board_recent,   // /v1/hot-articles/boards/{boardId}/articles/recent
  bad_board,      // a board route whose boardId is no positive int64
  health,         // /health
  metrics,        // /metrics
  not_found,
};

struct api_request {
  api_route route = api_route::not_found;
  /// The segment refused (bad_date, bad_board), or the date segment as it
  /// came (day_list, board_day_list).
  std::string argument;
  /// Set exactly for day_list and board_day_list.
  std::optional<day_key> day;
  /// Set exactly for board_day_list and board_recent.
  std::optional<board_id> board;
};

/// `path` is the decoded path without the query. The date and board
/// segments are each one non-empty segment, as the reference's route has
/// the date. A board route with a bad board and a bad date is a bad board.
api_request match_api_route(std::string_view path);

/// A board id as the routes take it: a positive decimal int64 without sign
/// or leading zeros, so that printing it gives the text back.
std::optional<board_id> parse_board_id(std::string_view text);

} // namespace hot
