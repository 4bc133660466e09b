// Raw HTTP over a TCP socket, for requests no well-behaved client sends:
// oversized, trickled, malformed.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hot::test {

struct raw_reply {
  /// Everything the server sent before it closed (or the read limit).
  std::string text;
  /// From connecting to the server's answer or close.
  std::chrono::milliseconds took{0};
  bool closed_by_server = false;

  /// The status code of the first status line, 0 if none.
  int status() const;
};

/// Sends `request` whole (as much as the server takes), then reads until
/// the server closes or `read_limit` passes.
raw_reply
raw_exchange(const std::string& host, uint16_t port, const std::string& request,
             std::chrono::milliseconds read_limit = std::chrono::seconds{15});

/// Sends `head`, then one more byte of `trickle` every `pace` (repeating
/// it) until the server answers or closes, or `give_up` passes.
/// `head_sent`, if set, is called once `head` is in the socket.
raw_reply slow_exchange(uint16_t port, const std::string& head,
                        const std::string& trickle,
                        std::chrono::milliseconds pace,
                        std::chrono::milliseconds give_up,
                        const std::function<void()>& head_sent = {});

/// For each established connection this machine accepted on `port`, the
/// bytes received that the server has not read yet (from /proc/net/tcp of
/// the current network namespace).
std::vector<size_t> unread_on_accepted(uint16_t port);

/// An IPv4 address of this machine other than loopback, or empty.
std::string non_loopback_address();

} // namespace hot::test
