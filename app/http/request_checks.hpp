// What a server refuses once a request's header is read, before its body:
// pure decisions, kept apart from Beast so they read as the rules they are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "app/http/http_answer.hpp"

namespace hot {

/// The largest body taken (by `Content-Length`, or chunked as it comes).
constexpr size_t max_body_bytes = 64 * 1024;

/// The longest request line taken, with its CRLF.
constexpr size_t max_request_line = 8192;

/// What the header of a request said, as far as the limits go.
struct request_head {
  const std::string& method;
  size_t target_size;
  std::optional<uint64_t> content_length;
  /// Request line and header fields, as received.
  size_t header_bytes;
};

/// The answer that refuses `head` before its body is read: 405 for a
/// method other than GET and HEAD (with `Allow`), 400 for one HTTP does
/// not define, 414 for a request line over max_request_line, 413 for a
/// body over max_body_bytes, 431 for a request over `max_request_bytes`.
/// Nothing if the request may be read on.
std::optional<http_answer> refuse_before_body(const request_head& head,
                                              size_t max_request_bytes);

/// What a body may still take of `max_request_bytes`.
uint64_t body_budget(const request_head& head, size_t max_request_bytes);

} // namespace hot
