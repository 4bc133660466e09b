// The stream time is the slowest partition's progress.
#include <catch2/catch.hpp>

#include "actors/state/stream_clock.hpp"
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
  SECTION("a revoked partition no longer holds it back") {
    clock.forget(a);
    CHECK(clock.now() == test::utc(2025, 5, 25, 11));
  }
}
