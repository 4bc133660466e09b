// Waiting on a condition with a deadline: tests never sleep and hope.
#pragma once

#include <chrono>
#include <thread>

namespace hot::test {

/// Checks `condition` until it holds or `timeout` passes; true if it held.
template <class Condition>
bool wait_until(std::chrono::milliseconds timeout, Condition&& condition,
                std::chrono::milliseconds poll
                = std::chrono::milliseconds{20}) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (condition())
      return true;
    if (std::chrono::steady_clock::now() >= deadline)
      return false;
    std::this_thread::sleep_for(poll);
  }
}

} // namespace hot::test
