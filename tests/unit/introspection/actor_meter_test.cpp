// An actor's own figures: busy time leaves out time spent waiting.
#include <catch2/catch.hpp>

#include <thread>

#include "introspection/actor_meter.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

// What actor_meter reads of an actor: its mailbox size.
struct fake_actor {
  struct queue {
    size_t size() const {
      return 2;
    }
  };
  queue box;
  queue& mailbox() {
    return box;
  }
};

} // namespace

TEST_CASE("time a handler waits in a poll does not count as busy") {
  actor_meter meter;
  fake_actor self;
  auto start = std::chrono::steady_clock::now();
  {
    auto scope = meter.measure(&self);
    std::this_thread::sleep_for(30ms); // Stands in for a blocking poll.
    meter.waited(std::chrono::steady_clock::now() - start);
  }
  CHECK(meter.messages == 1);
  CHECK(meter.mailbox == 2);
  // Only the few instructions after the wait count.
  CHECK(meter.busy_ns < 5'000'000);
  SECTION("work outside the wait still counts") {
    {
      auto scope = meter.measure(&self);
      std::this_thread::sleep_for(20ms);
    }
    CHECK(meter.busy_ns >= 20'000'000);
  }
}
