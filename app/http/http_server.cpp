// The HTTP server both APIs run on: a Beast listener, I/O threads that
// each serve their share of the connections, and a pool of workers for the
// routes that may block.
#include "app/http/http_server.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <caf/sec.hpp>

#include "app/http/http_session.hpp"

namespace hot {

namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// As Redis and nginx: the kernel caps it at net.core.somaxconn. With a
// short backlog, clients connecting at once had their handshakes dropped,
// and resent their first request after TCP's 200 ms timeout, or more.
constexpr int listen_backlog = 511;

/// An I/O context and the thread that runs it. A connection stays on one
/// lane, so its handlers never run at the same time and need no strand.
struct io_lane {
  net::io_context io{1};
  std::optional<net::executor_work_guard<net::io_context::executor_type>>
    keep_running;
  std::thread thread;
};

std::vector<std::unique_ptr<io_lane>> make_lanes(uint32_t count) {
  std::vector<std::unique_ptr<io_lane>> out;
  for (uint32_t i = 0; i < std::max<uint32_t>(1, count); ++i)
    out.push_back(std::make_unique<io_lane>());
  return out;
}

} // namespace

class http_server::engine {
public:
  engine(const http_limits& limits, http_routes routes,
         request_observer observe)
    : workers_(std::max<uint32_t>(1, limits.threads)),
      shared_{limits, std::move(routes), std::move(observe), workers_},
      lanes_(make_lanes(limits.io_threads)),
      acceptor_(lanes_.front()->io),
      retry_(lanes_.front()->io) {
  }

  ~engine() {
    stop();
  }

  caf::expected<uint16_t> start(const std::string& host, uint16_t port) {
    auto failed = [&](const boost::system::error_code& ec) {
      return caf::make_error(caf::sec::cannot_open_port,
                             "cannot listen on " + host + ":"
                               + std::to_string(port) + ": " + ec.message());
    };
    boost::system::error_code ec;
    tcp::resolver resolver{lanes_.front()->io};
    auto found = resolver.resolve(host, std::to_string(port),
                                  tcp::resolver::passive, ec);
    if (ec)
      return failed(ec);
    // The first of the host's addresses that can be listened on, as
    // getaddrinfo orders them ("localhost" may come as ::1 first).
    for (const auto& entry : found) {
      if (listen_on(entry.endpoint(), ec))
        break;
    }
    if (ec)
      return failed(ec);
    auto bound = acceptor_.local_endpoint(ec).port();
    for (auto& lane : lanes_)
      lane->keep_running.emplace(lane->io.get_executor());
    accept();
    for (auto& lane : lanes_)
      lane->thread = std::thread{[&io = lane->io] { io.run(); }};
    return bound;
  }

  void stop() {
    if (!lanes_.front()->thread.joinable())
      return;
    net::post(lanes_.front()->io, [this] {
      shared_.stopping = true;
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      retry_.cancel();
      for (auto& session : shared_.open_sessions())
        session->stop();
      // Here, so that no connection accepted before can land on a lane
      // that has already returned.
      for (auto& lane : lanes_)
        lane->keep_running.reset();
    });
    // Each lane returns once its last connection closed: requests under
    // way are answered first.
    for (auto& lane : lanes_)
      lane->thread.join();
    workers_.join();
  }

private:
  bool listen_on(const tcp::endpoint& endpoint, boost::system::error_code& ec) {
    acceptor_.open(endpoint.protocol(), ec);
    // SO_REUSEADDR, not SO_REUSEPORT: connections the server closed (any
    // `Connection: close` client) linger in TIME_WAIT, which must not keep
    // a restart from binding; a port another live listener holds is still
    // refused.
    if (!ec)
      acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec)
      acceptor_.bind(endpoint, ec);
    if (!ec)
      acceptor_.listen(listen_backlog, ec);
    if (ec) {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
    }
    return !ec;
  }

  void accept() {
    auto& lane = *lanes_[next_lane_++ % lanes_.size()];
    acceptor_.async_accept(lane.io, [this](boost::system::error_code ec,
                                           tcp::socket socket) {
      if (shared_.stopping || !acceptor_.is_open())
        return;
      if (ec) {
        // Out of descriptors, say: try again shortly instead of spinning.
        retry_.expires_after(std::chrono::milliseconds{50});
        retry_.async_wait([this](boost::system::error_code waited) {
          if (!waited)
            accept();
        });
        return;
      }
      // Else Nagle holds small answers back, ~40 ms per keep-alive request.
      socket.set_option(tcp::no_delay(true), ec);
      auto session = std::make_shared<http_session>(std::move(socket), shared_);
      shared_.add(session);
      session->start();
      accept();
    });
  }

  // `shared_` refers to the workers; the lanes, destroyed before
  // `shared_`, may still hold sessions, which report to it as they go.
  net::thread_pool workers_;
  session_shared shared_;
  std::vector<std::unique_ptr<io_lane>> lanes_;
  size_t next_lane_ = 0;
  tcp::acceptor acceptor_;
  net::steady_timer retry_;
};

http_server::http_server(const http_limits& limits, http_routes routes,
                         request_observer observe)
  : engine_(
    std::make_unique<engine>(limits, std::move(routes), std::move(observe))) {
}

http_server::~http_server() = default;

caf::expected<uint16_t> http_server::start(const std::string& host,
                                           uint16_t port) {
  return engine_->start(host, port);
}

void http_server::stop() {
  engine_->stop();
}

} // namespace hot
