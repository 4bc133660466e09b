// An answer as the routes give it, and the JSON answers every route shares.
#include "app/http/http_answer.hpp"

#include <array>
#include <string_view>

namespace hot {

std::string render_json(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

http_answer json_answer(int status, const nlohmann::json& body) {
  http_answer out;
  out.status = status;
  out.body = render_json(body);
  return out;
}

http_answer error_answer(int status, const std::string& message) {
  return json_answer(status, {{"error", message}, {"status", status}});
}

bool answer_ends_connection(int status) {
  return status == 400 || status == 405 || status == 408 || status == 413
         || status == 414 || status == 431;
}

method_verdict judge_method(const std::string& method) {
  if (method == "GET" || method == "HEAD")
    return method_verdict::served;
  // The methods of RFC 7231 and PATCH: a client sending one of these means
  // it, and is told what is allowed instead; anything else is malformed.
  static constexpr std::array<std::string_view, 7> refused{
    "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};
  for (auto m : refused)
    if (method == m)
      return method_verdict::refused;
  return method_verdict::unknown;
}

http_answer refused_method_answer(const std::string& method) {
  auto out = error_answer(405, method + " is not allowed; use GET");
  out.headers.emplace_back("Allow", "GET, HEAD");
  return out;
}

} // namespace hot
