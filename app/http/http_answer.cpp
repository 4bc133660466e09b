// An answer as the routes give it, and the JSON answers every route shares.
#include "app/http/http_answer.hpp"

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

} // namespace hot
