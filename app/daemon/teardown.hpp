// What was started, stopped in reverse order, from one place.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace hot {

/// Each service that starts pushes how it stops; `run` (or the destructor,
/// on an early return) stops them newest first, each once. So every way
/// out of a start sequence stops the same things in the same order.
class teardown {
public:
  teardown() = default;
  teardown(const teardown&) = delete;
  teardown& operator=(const teardown&) = delete;

  ~teardown() {
    run();
  }

  void push(std::function<void()> stop) {
    stops_.push_back(std::move(stop));
  }

  void run() {
    while (!stops_.empty()) {
      auto stop = std::move(stops_.back());
      stops_.pop_back();
      stop();
    }
  }

private:
  std::vector<std::function<void()>> stops_;
};

} // namespace hot
