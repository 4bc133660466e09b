// The HTTP API's routes, matched by a pure function of the request path so
// the server and its fuzz target share one matcher.
#include "app/http/api_route.hpp"

namespace hot {

namespace {

constexpr std::string_view date_prefix = "/v1/hot-articles/articles/date/";

} // namespace

api_request match_api_route(std::string_view path) {
  api_request out;
  if (path.substr(0, date_prefix.size()) == date_prefix) {
    auto argument = path.substr(date_prefix.size());
    if (argument.empty() || argument.find('/') != std::string_view::npos)
      return out;
    out.argument = std::string{argument};
    out.day = day_key::parse(argument);
    out.route = out.day ? api_route::day_list : api_route::bad_date;
    return out;
  }
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
