// The HTTP API's routes, matched by a pure function of the request path so
// the server and its fuzz target share one matcher.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "messages/day_key.hpp"

namespace hot {

enum class api_route {
  day_list, // /v1/hot-articles/articles/date/{yyyyMMdd}
  bad_date, // the same route with something that is no possible date
  current,  // /v1/hot-articles/articles/current
  recent,   // /v1/hot-articles/articles/recent
  health,   // /health
  metrics,  // /metrics
  not_found,
};

struct api_request {
  api_route route = api_route::not_found;
  /// The date segment as it came (day_list and bad_date).
  std::string argument;
  /// Set exactly for day_list.
  std::optional<day_key> day;
};

/// `path` is the decoded path without the query. The date segment is one
/// non-empty segment, as the reference's route has it.
api_request match_api_route(std::string_view path);

} // namespace hot
