// The stream time is the slowest partition's progress.
#include <catch2/catch.hpp>

#include "actors/ranking/state/stream_clock.hpp"
#include "tests/support/event_builders.hpp"

using namespace hot;

TEST_CASE("the stream time is the slowest partition's progress") {
  stream_clock clock;
  CHECK_FALSE(clock.now());
  partition_ref a{"board-like", 0};
  partition_ref b{"board-view", 1};
  clock.report(a, test::utc(2025, 5, 25, 10));
  CHECK(clock.now() == test::utc(2025, 5, 25, 10));
  clock.report(b, instant::min());
  CHECK(clock.now() == instant::min());
  clock.report(b, test::utc(2025, 5, 25, 11));
  CHECK(clock.now() == test::utc(2025, 5, 25, 10));
  SECTION("progress never goes back") {
    clock.report(a, test::utc(2025, 5, 25, 9));
    CHECK(clock.now() == test::utc(2025, 5, 25, 10));
  }
  SECTION("a released partition holds it back until it returns") {
    clock.release(a);
    CHECK(clock.assigned() == 1);
    CHECK(clock.now() == test::utc(2025, 5, 25, 10));
    CHECK(clock.held_by_released() == std::vector<partition_ref>{a});
    // Back, it re-reads older messages first: its progress does not drop.
    clock.report(a, instant::min());
    clock.report(a, test::utc(2025, 5, 25, 9));
    CHECK(clock.now() == test::utc(2025, 5, 25, 10));
    clock.report(a, test::utc(2025, 5, 25, 12));
    CHECK(clock.now() == test::utc(2025, 5, 25, 11));
    CHECK(clock.held_by_released().empty());
  }
}
