// The few socket calls the guarded HTTP server makes itself.
#include "app/http/socket_calls.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string>

namespace hot {

using ms = std::chrono::milliseconds;

bool wait_for_socket(int fd, short events, ms timeout) {
  timeout = std::max(timeout, ms{0});
  pollfd p{fd, events, 0};
  int ready;
  do {
    ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
  } while (ready < 0 && errno == EINTR);
  return ready > 0;
}

void socket_address(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  auto* sa = reinterpret_cast<sockaddr*>(&addr);
  if ((peer ? ::getpeername(fd, sa, &len) : ::getsockname(fd, sa, &len)) != 0)
    return;
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (addr.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &v4->sin_addr, text.data(), text.size());
    port = ntohs(v4->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, text.data(), text.size());
    port = ntohs(v6->sin6_port);
  }
  ip = text.data();
}

void drain_then_close(int fd) {
  using clock = std::chrono::steady_clock;
  ::shutdown(fd, SHUT_WR);
  std::array<char, 16 * 1024> sink{};
  auto until = clock::now() + std::chrono::seconds{1};
  size_t drained = 0;
  while (drained < 4 * 1024 * 1024) {
    auto left = std::chrono::duration_cast<ms>(until - clock::now());
    if (!wait_for_socket(fd, POLLIN, left))
      break;
    auto n = ::recv(fd, sink.data(), sink.size(), 0);
    if (n <= 0)
      break;
    drained += static_cast<size_t>(n);
  }
  ::close(fd);
}

void close_connection(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

} // namespace hot
