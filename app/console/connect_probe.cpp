// Why a TCP connection fails, in the words operators search for.
#include "app/console/connect_probe.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace hot::console {

namespace {

struct addrinfo_deleter {
  void operator()(addrinfo* info) const {
    ::freeaddrinfo(info);
  }
};

struct fd_closer {
  int fd;
  ~fd_closer() {
    if (fd >= 0)
      ::close(fd);
  }
};

// The errno of one non-blocking connect, or 0 when it connected.
int connect_errno(const addrinfo& ai, std::chrono::milliseconds timeout) {
  fd_closer sock{
    ::socket(ai.ai_family, ai.ai_socktype | SOCK_NONBLOCK, ai.ai_protocol)};
  if (sock.fd < 0)
    return errno;
  if (::connect(sock.fd, ai.ai_addr, ai.ai_addrlen) == 0)
    return 0;
  if (errno != EINPROGRESS)
    return errno;
  pollfd p{sock.fd, POLLOUT, 0};
  auto ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (ready == 0)
    return ETIMEDOUT;
  if (ready < 0)
    return errno;
  int error = 0;
  socklen_t size = sizeof error;
  if (::getsockopt(sock.fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0)
    return errno;
  return error;
}

} // namespace

std::string connect_failure_reason(const std::string& host, uint16_t port,
                                   std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  auto service = std::to_string(port);
  auto rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
  if (rc != 0)
    return ::gai_strerror(rc);
  std::unique_ptr<addrinfo, addrinfo_deleter> owned{found};
  int last = 0;
  for (auto* ai = found; ai != nullptr; ai = ai->ai_next) {
    last = connect_errno(*ai, timeout);
    if (last == 0)
      return {};
  }
  return last != 0 ? std::strerror(last) : std::string{};
}

} // namespace hot::console
