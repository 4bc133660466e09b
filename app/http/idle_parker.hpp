// Keep-alive connections waiting for their next request, watched by one
// epoll thread instead of a worker each.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "common/unique_fd.hpp"

namespace hot {

/// Holds idle sockets until they are readable (then hands each to `wake`,
/// on this class's thread) or their keep-alive ends (then closes them).
/// So a few workers serve any number of keep-alive clients, and no client
/// waits for a worker that sits on someone else's idle connection.
class idle_parker {
public:
  using clock = std::chrono::steady_clock;

  explicit idle_parker(std::function<void(int)> wake);
  ~idle_parker();

  idle_parker(const idle_parker&) = delete;
  idle_parker& operator=(const idle_parker&) = delete;

  /// Takes `fd` over; after `stop`, closes it at once.
  void park(int fd, clock::time_point until);

  /// Closes every parked socket and ends the thread.
  void stop();

private:
  void run();
  void close_expired(clock::time_point now);

  std::function<void(int)> wake_;
  unique_fd epoll_;
  // Written once by stop() to end the thread's wait.
  unique_fd stop_signal_;
  std::mutex mutex_;
  std::map<int, clock::time_point> parked_;
  bool stopped_ = false;
  std::thread thread_;
};

} // namespace hot
