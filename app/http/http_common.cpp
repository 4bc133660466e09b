// What both HTTP servers share: limits, JSON answers, errors, lifecycle.
#include "app/http/http_common.hpp"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>
#include <memory>

#include <sys/socket.h>

#include <httplib.h>

#include <caf/sec.hpp>

namespace hot {

std::unique_ptr<httplib::Server> make_http_server(const http_limits& limits,
                                                  request_observer observe) {
  auto server = make_guarded_server(limits, std::move(observe));
  server->set_tcp_nodelay(true);
  // SO_REUSEADDR and not httplib's SO_REUSEPORT. Connections closed by the
  // server (any `Connection: close` client) linger in TIME_WAIT with the
  // listener's options: with SO_REUSEPORT alone, a restart on the same
  // port was refused for up to a minute. SO_REUSEADDR lets it past
  // TIME_WAIT, and still refuses a port another live listener holds.
  server->set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server->set_payload_max_length(64 * 1024);
  server->set_read_timeout(5, 0);
  server->set_write_timeout(5, 0);
  server->set_keep_alive_timeout(5);
  // httplib closes a connection after 5 requests by default. Each close
  // makes a busy client reconnect, and reconnects were what the slowest
  // hundredth of requests waited for (p99 10-80 ms against 3.5 ms without
  // them). Idle connections still close, and give their worker up to
  // waiting ones.
  server->set_keep_alive_max_count(std::numeric_limits<size_t>::max());
  // httplib would announce that count as `max=18446744073709551615`.
  server->set_post_routing_handler(
    [](const httplib::Request&, httplib::Response& res) {
      res.headers.erase("Keep-Alive");
      if (answer_ends_connection(res.status))
        res.set_header("Connection", "close");
      else if (!res.has_header("Connection"))
        res.set_header("Keep-Alive", "timeout=5");
    });
  return server;
}

bool refused_method(const httplib::Request& req, httplib::Response& res) {
  if (req.method == "GET" || req.method == "HEAD")
    return false;
  send_error(res, 405, req.method + " is not allowed; use GET");
  res.set_header("Allow", "GET, HEAD");
  return true;
}

std::string render_json(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(render_json(body), "application/json");
}

void send_error(httplib::Response& res, int status,
                const std::string& message) {
  send_json(res, status, {{"error", message}, {"status", status}});
}

void install_fallbacks(httplib::Server& server) {
  // These servers only read: every other method is refused outright.
  auto refuse = [](const httplib::Request& req, httplib::Response& res) {
    refused_method(req, res);
  };
  server.Post(".*", refuse);
  server.Put(".*", refuse);
  server.Patch(".*", refuse);
  server.Delete(".*", refuse);
  server.set_error_handler(
    [](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty())
        return;
      // httplib answers 400 to a request the guard cut off mid-headers.
      auto cut = current_request_cut();
      if (res.status == 400 && cut == request_cut::too_slow)
        send_error(res, 408, "request not received in time");
      else if (res.status == 400 && cut != request_cut::none)
        send_error(res, 431, "request too large");
      else if (res.status == 404)
        send_error(res, 404, "no route for " + req.method + " " + req.path);
      else if (res.status == 413 || res.status == 414)
        send_error(res, res.status, "request too large");
      else if (res.status == 400)
        send_error(res, 400, "malformed request");
      else
        send_error(res, res.status, "request failed");
    });
}

caf::expected<uint16_t>
start_http_server(httplib::Server& server, std::thread& thread,
                  const std::string& host, uint16_t port) {
  errno = 0;
  int bound = port == 0 ? server.bind_to_any_port(host)
                        : (server.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    auto why = errno != 0 ? std::string{": "} + std::strerror(errno)
                          : std::string{};
    return caf::make_error(caf::sec::cannot_open_port,
                           "cannot listen on " + host + ":"
                             + std::to_string(port) + why);
  }
  auto ended = std::make_shared<std::atomic<bool>>(false);
  thread = std::thread{[&server, ended] {
    server.listen_after_bind();
    *ended = true;
  }};
  // Server::stop() does nothing until listen_after_bind() has marked the
  // server running; a SIGTERM right after start would otherwise leave the
  // listener in accept() and the daemon waiting for it forever.
  while (!server.is_running() && !*ended)
    std::this_thread::sleep_for(std::chrono::milliseconds{1});
  return static_cast<uint16_t>(bound);
}

void stop_http_server(httplib::Server& server, std::thread& thread) {
  if (thread.joinable()) {
    server.stop();
    thread.join();
  }
}

} // namespace hot
