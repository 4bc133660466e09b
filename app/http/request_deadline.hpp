// The deadline of the request a connection is reading.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

namespace hot {

/// When it passes while the request is still being read, the socket's
/// reads are cancelled and passed() says why they ended, so the session
/// can answer 408. Not tcp_stream's expiry: that closes the socket, and a
/// 408 could no longer be written. Used on its connection's I/O thread.
class request_deadline {
public:
  using clock = std::chrono::steady_clock;

  explicit request_deadline(const boost::asio::any_io_executor& executor);

  /// Starts the deadline of a next request. `owner` (the session, which
  /// holds this and `socket`) is kept alive until it passes or is
  /// disarmed.
  void arm(clock::time_point until, boost::asio::ip::tcp::socket& socket,
           std::shared_ptr<void> owner);

  /// The request was read whole, or its connection closed.
  void disarm();

  /// Whether a request is being read under this deadline.
  bool armed() const {
    return armed_;
  }

  /// Whether the current request's deadline passed while it was read.
  bool passed() const {
    return passed_;
  }

private:
  boost::asio::steady_timer timer_;
  /// Requests armed so far: a timer that fired for an earlier one, as it
  /// was disarmed, cancels nothing.
  uint64_t round_ = 0;
  bool armed_ = false;
  bool passed_ = false;
};

} // namespace hot
