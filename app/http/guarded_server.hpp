// An HTTP server that bounds each request in time and size, so slow or
// oversized clients are cut off instead of holding a worker.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

namespace httplib {
class Server;
struct Request;
} // namespace httplib

namespace hot {

struct http_limits {
  /// Worker threads; each open connection holds one.
  uint32_t threads = 8;
  /// From a request's first byte (or the connection's start) to its last.
  std::chrono::milliseconds request_timeout = std::chrono::seconds{10};
  /// Request line, headers and body together.
  size_t max_request_bytes = 80 * 1024;
};

/// Why the current worker thread stopped reading its request, if it did.
enum class request_cut { none, too_slow, uri_too_long, too_large };

/// Valid inside the server's handlers and error handler.
request_cut current_request_cut();

/// Whether an answer with this status ends its connection: after it the
/// stream's position is unknown, as the rest of the bytes may belong to the
/// refused request (a body never read, say), not to a next one.
bool answer_ends_connection(int status);

/// Sees every answer httplib wrote, on the worker thread that wrote it,
/// with the time from the request's first byte (or the connection's
/// accept) to the answer's last.
using request_observer = std::function<void(const httplib::Request&, int status,
                                            std::chrono::nanoseconds took)>;

/// httplib's server with its own connection loop: the same keep-alive and
/// per-read timeouts, plus a deadline and a byte budget per request. A
/// request cut before httplib could answer gets a JSON 408, 414 or 431
/// here.
std::unique_ptr<httplib::Server>
make_guarded_server(const http_limits& limits, request_observer observe = {});

} // namespace hot
