// The HTTP server both APIs run on: it reads and bounds requests, and the
// routes only turn an http_request into an http_answer.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <caf/expected.hpp>

#include "app/http/http_answer.hpp"
#include "app/http/http_request.hpp"

namespace hot {

struct http_limits {
  /// Workers that run the routes which may block (Redis, actors). Idle and
  /// half-read connections hold none.
  uint32_t threads = 8;
  /// From a request's first byte (or the connection's accept) to its last.
  std::chrono::milliseconds request_timeout = std::chrono::seconds{10};
  /// Request line, headers and body together.
  size_t max_request_bytes = 80 * 1024;
  /// Threads that read and write; each connection stays on one of them.
  uint32_t io_threads = 1;
};

/// What a server answers with. `answer` runs on a worker and may block;
/// `answer_at_once`, if set, runs first on an I/O thread and must not
/// block: it answers what it can without waiting (a cached list, a 404),
/// and declines the rest (nullopt), which then goes to `answer`.
struct http_routes {
  std::function<http_answer(const http_request&)> answer;
  std::function<std::optional<http_answer>(const http_request&)> answer_at_once;
};

/// Sees every answer once its last byte is written, with the time from the
/// request's first byte (or the connection's accept) to then. Runs on the
/// I/O threads: it must be quick.
using request_observer = std::function<void(const http_request&, int status,
                                            std::chrono::nanoseconds took)>;

/// Beast on `io_threads` I/O threads, with keep-alive for 5 s idle (no thread
/// held meanwhile), a 64 KiB body limit, 5 s per write, JSON answers to
/// requests that are malformed (400), of another method (405), too slow
/// (408) or too large (413, 414, 431).
class http_server {
public:
  http_server(const http_limits& limits, http_routes routes,
              request_observer observe = {});
  ~http_server();

  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  /// Binds (port 0: any free port), then serves; returns the bound port,
  /// or "cannot listen on HOST:PORT: <reason>".
  caf::expected<uint16_t> start(const std::string& host, uint16_t port);

  /// Stops accepting, closes idle connections, lets requests under way be
  /// answered (each then closes), and returns when all connections are
  /// closed. Idempotent.
  void stop();

private:
  class engine;
  std::unique_ptr<engine> engine_;
};

} // namespace hot
