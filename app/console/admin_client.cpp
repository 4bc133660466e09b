// The console's side of the admin interface: GET a route, get JSON or a
// typed error.
#include "app/console/admin_client.hpp"

#include <httplib.h>

#include <cctype>

#include "app/console/connect_probe.hpp"
#include "app/console/json_fields.hpp"

namespace hot::console {

namespace {

using json = nlohmann::json;

// The view refreshes every second: a daemon that hangs must not freeze it
// for long. State dumps wait up to 5 s for the actors inside the daemon.
constexpr time_t connect_seconds = 1;
constexpr time_t read_seconds = 2;
constexpr time_t slow_read_seconds = 7;

std::string connect_failure(httplib::Error error, const admin_endpoint& at) {
  if (error == httplib::Error::Connection) {
    auto reason = connect_failure_reason(at.host, at.port,
                                         std::chrono::seconds{connect_seconds});
    if (!reason.empty())
      return reason;
  }
  return "HTTP client error: " + httplib::to_string(error);
}

std::string unreachable_message(const admin_endpoint& at,
                                const std::string& why) {
  return "cannot reach the admin interface at " + at.text() + " (" + why
         + "); is hot-articles running? Use --admin HOST:PORT.";
}

// The one place where an HTTP outcome becomes a reply or a typed error.
admin_reply to_reply(const httplib::Result& res, const admin_endpoint& at) {
  if (!res) {
    auto error = res.error();
    if (error == httplib::Error::Read || error == httplib::Error::Write)
      return {{},
              admin_error{admin_errc::unreachable,
                          "no complete answer from the admin interface at "
                            + at.text() + " (HTTP client error: "
                            + httplib::to_string(error)
                            + "): it timed out or closed the connection"}};
    return {{},
            admin_error{admin_errc::unreachable,
                        unreachable_message(at, connect_failure(error, at))}};
  }
  auto body = json::parse(res->body, nullptr, false);
  if (res->status == 200) {
    if (body.is_discarded())
      return {{},
              admin_error{admin_errc::bad_answer,
                          "the admin interface at " + at.text()
                            + " answered something that is not JSON"}};
    return {std::move(body), std::nullopt};
  }
  auto said = string_field(body, "error",
                           "HTTP " + std::to_string(res->status));
  switch (res->status) {
    case 401:
      return {{},
              admin_error{admin_errc::unauthorized,
                          "the admin interface at " + at.text()
                            + " refused the request (" + said
                            + "); pass --token TOKEN or set "
                              "HOT_ARTICLES_ADMIN_TOKEN."}};
    case 404:
      return {{}, admin_error{admin_errc::not_found, said}};
    case 400:
      return {{}, admin_error{admin_errc::bad_request, said}};
    case 503:
      return {{}, admin_error{admin_errc::unavailable, said}};
    default:
      return {{}, admin_error{admin_errc::failed, said}};
  }
}

// The admin interface answers every one of its routes; the fallback's
// words mean the route itself is unknown there.
bool no_route(const admin_reply& reply) {
  if (!reply.error || reply.error->code != admin_errc::not_found)
    return false;
  const auto& said = reply.error->message;
  return said.rfind("no route for ", 0) == 0 || said == "HTTP 404";
}

} // namespace

std::string not_admin_message(const admin_endpoint& at, const std::string& said,
                              int health_status,
                              const std::string& health_body) {
  auto health = json::parse(health_body, nullptr, false);
  bool api = (health_status == 200 || health_status == 503)
             && health.is_object() && health.contains("live");
  auto answered = "the server at " + at.text() + " answered '" + said + "'";
  if (api)
    return answered
           + ": this looks like the API port (http.port); the console needs "
             "admin.port (default 8081), e.g. --admin "
           + admin_endpoint{at.host, 8081}.text();
  return answered
         + ": it is not hot-articles' admin interface; the console needs "
           "admin.port (default 8081)";
}

std::string admin_endpoint::text() const {
  // An IPv6 literal needs brackets before the port.
  if (host.find(':') != std::string::npos)
    return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

admin_client::admin_client(admin_endpoint endpoint, std::string token)
  : endpoint_(std::move(endpoint)),
    http_(std::make_unique<httplib::Client>(endpoint_.host, endpoint_.port)) {
  http_->set_connection_timeout(connect_seconds, 0);
  http_->set_read_timeout(read_seconds, 0);
  http_->set_write_timeout(read_seconds, 0);
  // Without it, Nagle delays each keep-alive request by tens of ms.
  http_->set_tcp_nodelay(true);
  http_->set_keep_alive(true);
  // Paths arrive encoded; a second pass would garble the '%'.
  http_->set_url_encode(false);
  if (!token.empty())
    http_->set_bearer_token_auth(token);
}

admin_client::~admin_client() = default;

admin_reply admin_client::get(const std::string& path, bool slow) {
  http_->set_read_timeout(slow ? slow_read_seconds : read_seconds, 0);
  auto reply = to_reply(http_->Get(path), endpoint_);
  if (no_route(reply)) {
    auto health = http_->Get("/health");
    reply.error
      = admin_error{admin_errc::not_admin,
                    not_admin_message(endpoint_, reply.error->message,
                                      health ? health->status : 0,
                                      health ? health->body : std::string{})};
  }
  return reply;
}

std::string url_encode(const std::string& text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (auto c : text) {
    auto b = static_cast<unsigned char>(c);
    if (std::isalnum(b) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[b >> 4];
      out += hex[b & 0x0F];
    }
  }
  return out;
}

} // namespace hot::console
