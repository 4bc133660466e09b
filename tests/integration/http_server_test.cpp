// The HTTP server's stop: it refuses new connections, closes idle ones, and
// still writes the answer to a request under way.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "app/http/http_server.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

/// A connected loopback socket, or -1 when the port refuses.
int connect_to(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void send_text(int fd, const std::string& text) {
  REQUIRE(::send(fd, text.data(), text.size(), MSG_NOSIGNAL)
          == static_cast<ssize_t>(text.size()));
}

struct received {
  std::string text;
  bool closed = false;
};

/// Reads until `needle` arrived, the peer closed, or `limit` passed.
received read_until(int fd, const std::string& needle,
                    std::chrono::milliseconds limit) {
  received out;
  auto until = std::chrono::steady_clock::now() + limit;
  std::array<char, 4096> chunk{};
  while (needle.empty() || out.text.find(needle) == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      until - std::chrono::steady_clock::now());
    pollfd p{fd, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0)
      break;
    auto n = ::recv(fd, chunk.data(), chunk.size(), 0);
    if (n <= 0) {
      out.closed = true;
      break;
    }
    out.text.append(chunk.data(), static_cast<size_t>(n));
  }
  return out;
}

} // namespace

TEST_CASE("a stopping HTTP server answers the request under way, closes idle "
          "connections and accepts no new ones",
          "[http]") {
  std::mutex mutex;
  std::condition_variable changed;
  bool entered = false;
  bool released = false;
  http_routes routes{[&](const http_request& req) {
                       if (req.path != "/slow")
                         return json_answer(200, {{"path", req.path}});
                       std::unique_lock<std::mutex> lock{mutex};
                       entered = true;
                       changed.notify_all();
                       changed.wait(lock, [&] { return released; });
                       return json_answer(200, {{"slow", true}});
                     },
                     {}};
  // Two I/O threads: the connections below are served by both, and the
  // stop reaches both. A stop that waited for a request deadline would
  // take the hour.
  http_server server{http_limits{2, std::chrono::hours{1}, 80 * 1024, 2},
                     routes};
  auto port = server.start("127.0.0.1", 0);
  REQUIRE(port);

  // Accepted before the two below: it has not sent a byte, so it is idle.
  int silent = connect_to(*port);
  REQUIRE(silent >= 0);
  int idle = connect_to(*port);
  REQUIRE(idle >= 0);
  send_text(idle, "GET /fast HTTP/1.1\r\nHost: t\r\n\r\n");
  auto first = read_until(idle, "\"path\":\"/fast\"", 10s);
  REQUIRE_THAT(first.text, Catch::Contains("HTTP/1.1 200"));
  REQUIRE_FALSE(first.closed);

  int busy = connect_to(*port);
  REQUIRE(busy >= 0);
  send_text(busy, "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  {
    std::unique_lock<std::mutex> lock{mutex};
    REQUIRE(changed.wait_for(lock, 10s, [&] { return entered; }));
  }

  std::atomic<bool> stopped{false};
  std::thread stopper{[&] {
    server.stop();
    stopped = true;
  }};
  CHECK(test::wait_until(10s, [&] {
    int probe = connect_to(*port);
    if (probe >= 0)
      ::close(probe);
    return probe < 0;
  }));
  for (int fd : {idle, silent}) {
    auto end = read_until(fd, {}, 10s);
    CHECK(end.closed);
    CHECK(end.text.empty());
  }
  {
    std::lock_guard<std::mutex> lock{mutex};
    released = true;
  }
  changed.notify_all();
  auto answer = read_until(busy, "\"slow\":true", 10s);
  REQUIRE(test::wait_until(30s, [&] { return stopped.load(); }));
  stopper.join();
  CHECK_THAT(answer.text, Catch::Contains("HTTP/1.1 200"));
  CHECK_THAT(answer.text, Catch::Contains("Connection: close"));
  CHECK(read_until(busy, {}, 10s).closed);
  for (int fd : {silent, idle, busy})
    ::close(fd);
}

TEST_CASE("HEAD gets GET's headers without the body, and requests sent "
          "together are answered in order",
          "[http]") {
  http_routes routes{[](const http_request& req) {
                       return json_answer(200, {{"path", req.path}});
                     },
                     {}};
  http_server server{http_limits{1, 10s, 80 * 1024}, routes};
  auto port = server.start("127.0.0.1", 0);
  REQUIRE(port);
  int fd = connect_to(*port);
  REQUIRE(fd >= 0);
  send_text(fd, "HEAD /a HTTP/1.1\r\nHost: t\r\n\r\n"
                "GET /b HTTP/1.1\r\nHost: t\r\n\r\n"
                "GET /c HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  auto got = read_until(fd, {}, 10s);
  ::close(fd);
  CHECK(got.closed);
  // {"path":"/a"} is 13 bytes: announced, not sent.
  auto head_end = got.text.find("\r\n\r\n");
  REQUIRE(head_end != std::string::npos);
  CHECK_THAT(got.text.substr(0, head_end),
             Catch::Contains("Content-Length: 13"));
  CHECK(got.text.compare(head_end + 4, 8, "HTTP/1.1") == 0);
  CHECK(got.text.find("/a\"}") == std::string::npos);
  auto b = got.text.find("{\"path\":\"/b\"}");
  auto c = got.text.find("{\"path\":\"/c\"}");
  CHECK(b != std::string::npos);
  CHECK(c != std::string::npos);
  CHECK(b < c);
}
