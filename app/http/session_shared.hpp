// What the connections of one HTTP server share: its limits, routes,
// observer and workers, and the list of those still open, for its stop.
#pragma once

#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/http/http_server.hpp"

namespace boost::asio {
class thread_pool;
} // namespace boost::asio

namespace hot {

class http_session;

/// Owned by the server, which outlives its sessions.
struct session_shared {
  session_shared(const http_limits& limits_in, http_routes routes_in,
                 request_observer observe_in,
                 boost::asio::thread_pool& workers_in)
    : limits(limits_in),
      routes(std::move(routes_in)),
      observe(std::move(observe_in)),
      workers(workers_in) {
  }

  http_limits limits;
  http_routes routes;
  request_observer observe;
  boost::asio::thread_pool& workers;
  /// Set on the accepting I/O thread as the server stops.
  bool stopping = false;

  void add(const std::shared_ptr<http_session>& session);
  void remove(const http_session* session);
  /// The sessions still open.
  std::vector<std::shared_ptr<http_session>> open_sessions();

private:
  // A session's last owner may be a worker, so it can end off the I/O
  // thread.
  std::mutex mutex_;
  std::unordered_map<const http_session*, std::weak_ptr<http_session>> open_;
};

} // namespace hot
