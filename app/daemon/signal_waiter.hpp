// SIGINT/SIGTERM: the first asks for a graceful stop, the second forces one.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

namespace hot {

/// Blocks SIGINT and SIGTERM for the whole process and waits for them on a
/// thread of its own (no async-signal-safety constraints). Construct it
/// before any other thread starts, so every thread inherits the mask.
class signal_waiter {
public:
  signal_waiter();
  ~signal_waiter();

  signal_waiter(const signal_waiter&) = delete;
  signal_waiter& operator=(const signal_waiter&) = delete;

  /// True once a stop was requested; long waits poll it to give up early.
  const std::atomic<bool>& stop_requested() const {
    return requested_;
  }

  /// Calls `notify` once a stop is requested: at once when it already was,
  /// else on the waiter's thread when the first signal comes. Replaces any
  /// earlier callback; an empty one unsubscribes.
  void on_stop(std::function<void()> notify);

private:
  void run();

  std::atomic<bool> requested_{false};
  std::atomic<bool> shutting_down_{false};
  std::mutex mutex_;
  std::function<void()> notify_;
  std::thread thread_;
};

} // namespace hot
