// An actor's own figures: busy time leaves out time spent waiting, and
// the mailbox is the backlog that persisted.
#include <catch2/catch.hpp>

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

namespace {

using meter_clock = std::chrono::steady_clock;

uint64_t ns(meter_clock::duration d) {
  return static_cast<uint64_t>(
    std::chrono::duration_cast<std::chrono::nanoseconds>(d).count());
}

} // namespace

// No sleeping: each handler below reads the clock itself, so the checks are
// exact bounds whatever the machine's speed.
TEST_CASE("time a handler waits in a poll does not count as busy") {
  actor_meter meter;
  fake_actor self;
  auto before = meter_clock::now();
  {
    auto scope = meter.measure(&self);
    // A handler blocked in its poll for all of its run but the last steps.
    meter.waited(meter_clock::now() - before);
  }
  auto outer = meter_clock::now() - before;
  CHECK(meter.messages == 1);
  CHECK(meter.waited_ns > 0);
  // Counted as busy too, the wait would make the sum about twice `outer`.
  CHECK(meter.busy_ns + meter.waited_ns <= ns(outer));
  SECTION("work outside the wait still counts") {
    auto busy_before = meter.busy_ns;
    meter_clock::duration worked{};
    {
      auto scope = meter.measure(&self);
      auto start = meter_clock::now();
      worked = meter_clock::now() - start;
    }
    CHECK(meter.messages == 2);
    CHECK(meter.busy_ns - busy_before >= ns(worked));
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
