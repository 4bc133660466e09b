// When the Redis writer holds a write for the requests queued behind it,
// and when it writes anyway.
#include <catch2/catch.hpp>

#include "actors/redis/write_coalescing.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

using clock_type = write_coalescing::clock;
const clock_type::time_point start{std::chrono::hours{1000}};

} // namespace

TEST_CASE("a write is held while requests are queued behind it, for as "
          "long as the bound",
          "[unit][redis]") {
  write_coalescing c{2ms};
  CHECK(c.hold(true, start));
  CHECK(c.hold(true, start + 1ms));
  CHECK(c.hold(true, start + 1999us));
  // A mailbox that never runs dry does not hold it longer.
  CHECK_FALSE(c.hold(true, start + 2ms));
}

TEST_CASE("a write goes out at once when nothing is queued behind it",
          "[unit][redis]") {
  write_coalescing c{2ms};
  CHECK_FALSE(c.hold(false, start));
  CHECK(c.hold(true, start + 1ms));
  CHECK_FALSE(c.hold(false, start + 1500us));
}

TEST_CASE("each write starts a new run: the bound counts from the first "
          "request held after it",
          "[unit][redis]") {
  write_coalescing c{2ms};
  CHECK(c.hold(true, start));
  CHECK_FALSE(c.hold(true, start + 2ms));
  // Written at +2 ms; the next run is held from +3 ms to just before +5 ms.
  CHECK(c.hold(true, start + 3ms));
  CHECK(c.hold(true, start + 4900us));
  CHECK_FALSE(c.hold(true, start + 5ms));
  CHECK_FALSE(c.hold(false, start + 6ms));
  CHECK(c.hold(true, start + 10ms));
  CHECK(c.hold(true, start + 11ms));
}
