// An answer as the routes give it, and the JSON answers every route shares.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace hot {

struct http_answer {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  /// Besides Content-Type, Content-Length and the connection's fields.
  std::vector<std::pair<std::string, std::string>> headers;
};

/// The JSON text every answer uses (invalid UTF-8 replaced, not thrown).
std::string render_json(const nlohmann::json& body);

http_answer json_answer(int status, const nlohmann::json& body);

/// `{"error": message, "status": status}`.
http_answer error_answer(int status, const std::string& message);

/// Whether an answer with this status ends its connection: after it the
/// stream's position is unknown, as the rest of the bytes may belong to the
/// refused request (a body never read, say), not to a next one.
bool answer_ends_connection(int status);

} // namespace hot
