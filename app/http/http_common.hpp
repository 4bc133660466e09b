// What both HTTP servers share: limits, JSON answers, errors, lifecycle.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include <caf/expected.hpp>
#include <nlohmann/json.hpp>

#include "app/http/guarded_server.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace hot {

/// A guarded server (see guarded_server) with TCP_NODELAY (else Nagle
/// costs ~25 ms per keep-alive request), a 64 KiB body limit, 5 s read and
/// write timeouts per call, and keep-alive for 5 s idle.
std::unique_ptr<httplib::Server>
make_http_server(const http_limits& limits, request_observer observe = {});

/// Answers 405 to every method but GET and HEAD, before any body is read
/// (the connection then closes), and says whether it did. Pre-routing
/// handlers call it first.
bool refused_method(const httplib::Request& req, httplib::Response& res);

/// The JSON text every answer uses (invalid UTF-8 replaced, not thrown).
std::string render_json(const nlohmann::json& body);

void send_json(httplib::Response& res, int status, const nlohmann::json& body);

/// `{"error": message, "status": status}`.
void send_error(httplib::Response& res, int status, const std::string& message);

/// JSON bodies for unknown routes (404), methods other than GET (405),
/// malformed (400), slow (408), oversized (413, 414, 431) requests. Call
/// after the routes.
void install_fallbacks(httplib::Server& server);

/// Binds (port 0: any free port) and serves on `thread`.
caf::expected<uint16_t>
start_http_server(httplib::Server& server, std::thread& thread,
                  const std::string& host, uint16_t port);

void stop_http_server(httplib::Server& server, std::thread& thread);

} // namespace hot
