// What a server refuses once a request's header is read, before its body.
#include "app/http/request_checks.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace hot {

namespace {

enum class method_verdict { served, refused, unknown };

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

} // namespace

std::optional<http_answer> refuse_before_body(const request_head& head,
                                              size_t max_request_bytes) {
  // Refused before any body is read: a client must not be able to make
  // the server wait for, or read, what it will refuse anyway.
  switch (judge_method(head.method)) {
    case method_verdict::served:
      break;
    case method_verdict::refused: {
      // These servers only read.
      auto out = error_answer(405, head.method + " is not allowed; use GET");
      out.headers.emplace_back("Allow", "GET, HEAD");
      return out;
    }
    case method_verdict::unknown:
      return error_answer(400, "malformed request");
  }
  // METHOD SP target SP HTTP/1.1 CRLF
  if (head.method.size() + head.target_size + 12 > max_request_line)
    return error_answer(414, "request line too long");
  if (head.content_length && *head.content_length > max_body_bytes)
    return error_answer(413, "request too large");
  if (head.content_length
      && *head.content_length > body_budget(head, max_request_bytes))
    return error_answer(431, "request too large");
  return std::nullopt;
}

uint64_t body_budget(const request_head& head, size_t max_request_bytes) {
  return max_request_bytes - std::min(head.header_bytes, max_request_bytes);
}

} // namespace hot
