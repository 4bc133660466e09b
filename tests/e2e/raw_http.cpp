// Raw HTTP over a TCP socket, for requests no well-behaved client sends:
// oversized, trickled, malformed.
#include "tests/e2e/raw_http.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace hot::test {

namespace {

using clock = std::chrono::steady_clock;
using ms = std::chrono::milliseconds;

class socket_handle {
public:
  socket_handle(const std::string& host, uint16_t port)
    : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      connected_ = false;
  }
  ~socket_handle() {
    ::close(fd_);
  }
  socket_handle(const socket_handle&) = delete;
  socket_handle& operator=(const socket_handle&) = delete;

  int fd() const {
    return fd_;
  }
  bool connected() const {
    return connected_;
  }

private:
  int fd_;
  bool connected_ = true;
};

bool readable(int fd, ms timeout) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, static_cast<int>(std::max(timeout, ms{0}).count())) > 0;
}

// Reads until the server closes or `until` passes.
void read_rest(int fd, clock::time_point until, raw_reply& out) {
  std::array<char, 8192> buffer{};
  while (readable(fd, std::chrono::duration_cast<ms>(until - clock::now()))) {
    auto n = ::recv(fd, buffer.data(), buffer.size(), 0);
    if (n <= 0) {
      out.closed_by_server = true;
      return;
    }
    out.text.append(buffer.data(), static_cast<size_t>(n));
  }
}

} // namespace

int raw_reply::status() const {
  if (text.rfind("HTTP/1.1 ", 0) != 0 || text.size() < 12)
    return 0;
  return std::stoi(text.substr(9, 3));
}

raw_reply raw_exchange(const std::string& host, uint16_t port,
                       const std::string& request, ms read_limit) {
  socket_handle s{host, port};
  if (!s.connected())
    throw std::runtime_error("cannot connect to " + host + ":"
                             + std::to_string(port));
  auto start = clock::now();
  raw_reply out;
  size_t sent = 0;
  while (sent < request.size()) {
    auto n = ::send(s.fd(), request.data() + sent, request.size() - sent,
                    MSG_NOSIGNAL);
    if (n <= 0)
      break; // the server stopped reading: its answer may still be there
    sent += static_cast<size_t>(n);
  }
  read_rest(s.fd(), start + read_limit, out);
  out.took = std::chrono::duration_cast<ms>(clock::now() - start);
  return out;
}

raw_reply slow_exchange(uint16_t port, const std::string& head,
                        const std::string& trickle, ms pace, ms give_up,
                        const std::function<void()>& head_sent) {
  socket_handle s{"127.0.0.1", port};
  if (!s.connected())
    throw std::runtime_error("cannot connect to port " + std::to_string(port));
  auto start = clock::now();
  raw_reply out;
  ::send(s.fd(), head.data(), head.size(), MSG_NOSIGNAL);
  if (head_sent)
    head_sent();
  for (size_t i = 0; clock::now() - start < give_up; ++i) {
    // Whatever arrives first: the server's answer (or close), or the pace.
    if (readable(s.fd(), pace))
      break;
    if (::send(s.fd(), &trickle[i % trickle.size()], 1, MSG_NOSIGNAL) <= 0)
      break;
  }
  read_rest(s.fd(), clock::now() + ms{2000}, out);
  out.took = std::chrono::duration_cast<ms>(clock::now() - start);
  return out;
}

std::vector<size_t> unread_on_accepted(uint16_t port) {
  // "sl local rem st tx_queue:rx_queue ...", addresses as HEX_IP:HEX_PORT;
  // state 01 is ESTABLISHED.
  std::ifstream table{"/proc/net/tcp"};
  std::string line;
  std::getline(table, line);
  std::vector<size_t> out;
  while (std::getline(table, line)) {
    std::istringstream fields{line};
    std::string slot, local, remote, state, queues;
    if (!(fields >> slot >> local >> remote >> state >> queues))
      continue;
    auto local_port = std::stoul(local.substr(local.find(':') + 1), nullptr,
                                 16);
    if (local_port != port || state != "01")
      continue;
    out.push_back(std::stoul(queues.substr(queues.find(':') + 1), nullptr, 16));
  }
  return out;
}

std::string non_loopback_address() {
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0)
    return {};
  std::string found;
  for (auto* a = list; a != nullptr && found.empty(); a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET)
      continue;
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
    std::array<char, INET_ADDRSTRLEN> text{};
    ::inet_ntop(AF_INET, &v4->sin_addr, text.data(), text.size());
    std::string ip = text.data();
    if (ip.rfind("127.", 0) != 0)
      found = ip;
  }
  ::freeifaddrs(list);
  return found;
}

} // namespace hot::test
