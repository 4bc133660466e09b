// An actor's own figures: busy time leaves out time spent waiting, and
// the mailbox is the backlog that persisted.
#include <catch2/catch.hpp>

#include <thread>

#include "actors/introspection/actor_meter.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

// What actor_meter reads of an actor: its mailbox size.
struct fake_actor {
  struct queue {
    size_t waiting = 2;
    size_t size() const {
      return waiting;
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

TEST_CASE("the mailbox reported is the backlog that never drained since the "
          "last report") {
  actor_meter meter;
  fake_actor self;
  CHECK(meter.report("a", "shard").mailbox == 0);
  for (size_t waiting : {size_t{3}, size_t{1}, size_t{4}}) {
    self.box.waiting = waiting;
    auto scope = meter.measure(&self);
  }
  CHECK(meter.report("a", "shard").mailbox == 1);
  SECTION("each report starts a new interval") {
    for (size_t waiting : {size_t{7}, size_t{5}}) {
      self.box.waiting = waiting;
      auto scope = meter.measure(&self);
    }
    CHECK(meter.report("a", "shard").mailbox == 5);
  }
}
