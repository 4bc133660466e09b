// A request as the routes see it, with no trace of the HTTP library that
// parsed it: so route code compiles without Beast, and tests can build one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hot {

struct http_request {
  /// As sent: GET or HEAD once it reaches a route.
  std::string method;
  /// The path, percent-decoded once, without the query.
  std::string path;
  /// The query's parameters in order, decoded ('+' as a space).
  std::vector<std::pair<std::string, std::string>> params;
  /// Every header field, names as sent.
  std::vector<std::pair<std::string, std::string>> headers;

  /// The first parameter named `name`, if any.
  std::optional<std::string> param(std::string_view name) const;

  /// The first header field named `name` (any case), or empty.
  std::string header(std::string_view name) const;

  /// Splits a request target into a decoded path and parameters.
  static http_request from_target(std::string method, std::string_view target);
};

/// Percent-decodes `text`; with `plus_is_space`, '+' becomes ' ' (a query's
/// form encoding). Malformed escapes stay as they are.
std::string decode_url(std::string_view text, bool plus_is_space);

} // namespace hot
