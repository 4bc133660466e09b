// The console's side of the admin interface: GET a route, get JSON or a
// typed error.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace httplib {
class Client;
} // namespace httplib

namespace hot::console {

enum class admin_errc {
  unreachable,  // no connection, or no answer in time
  unauthorized, // 401: no or wrong bearer token
  not_found,    // 404: no such actor
  not_admin,    // 404 for an admin route: another server, e.g. the HTTP API
  bad_request,  // 400: the daemon refused an argument
  unavailable,  // 503: the pipeline or Redis is not there yet
  failed,       // any other status
  bad_answer,   // 200 but not JSON
};

/// A failed request, with the one line to show the operator.
struct admin_error {
  admin_errc code = admin_errc::failed;
  std::string message;
};

/// The JSON body of a 200 answer, or why there is none.
struct admin_reply {
  nlohmann::json body;
  std::optional<admin_error> error;

  explicit operator bool() const {
    return !error;
  }
};

/// Where the daemon's admin interface listens.
struct admin_endpoint {
  std::string host = "127.0.0.1";
  uint16_t port = 8081;

  std::string text() const;
};

/// One keep-alive connection to the admin interface. Not thread-safe.
class admin_client {
public:
  admin_client(admin_endpoint endpoint, std::string token);
  ~admin_client();

  admin_client(const admin_client&) = delete;
  admin_client& operator=(const admin_client&) = delete;

  /// GETs `path` (already URL-encoded). `slow` allows for state dumps, which
  /// the daemon answers within 5 s; the figures answer at once.
  admin_reply get(const std::string& path, bool slow = false);

  const admin_endpoint& endpoint() const {
    return endpoint_;
  }

private:
  admin_endpoint endpoint_;
  std::unique_ptr<httplib::Client> http_;
};

/// What to tell the operator when a server at `at` has no admin routes
/// (`said` is its 404 message): it is the HTTP API when its /health answer
/// (`health_status`, `health_body`) is the daemon's.
std::string not_admin_message(const admin_endpoint& at, const std::string& said,
                              int health_status,
                              const std::string& health_body);

/// `text` with every byte outside [A-Za-z0-9-._~] as %XX, for one path
/// segment (actor names have spaces and slashes).
std::string url_encode(const std::string& text);

} // namespace hot::console
