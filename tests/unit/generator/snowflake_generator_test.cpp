// The Snowflake generator: increasing ids that carry their time and node.
#include <catch2/catch.hpp>

#include "app/generator/snowflake_generator.hpp"

using namespace hot;
using namespace hot::gen;

namespace {

instant at_ms(int64_t ms) {
  return instant{std::chrono::milliseconds{ms}};
}

// 2025-05-24T17:36:02.751Z
constexpr int64_t some_ms = 1748108162751;

} // namespace

TEST_CASE("snowflake ids embed the time, the node id and a sequence") {
  snowflake_generator ids{513};
  auto first = ids.next(at_ms(some_ms));
  auto second = ids.next(at_ms(some_ms));
  CHECK(snowflake_instant(first) == at_ms(some_ms));
  CHECK(snowflake_instant(second) == at_ms(some_ms));
  CHECK(snowflake_generator::node_of(first) == 513);
  CHECK(snowflake_generator::sequence_of(first) == 0);
  CHECK(snowflake_generator::sequence_of(second) == 1);
  CHECK(first >= snowflake_floor(at_ms(some_ms)));
  SECTION("a new millisecond restarts the sequence") {
    auto later = ids.next(at_ms(some_ms + 7));
    CHECK(snowflake_instant(later) == at_ms(some_ms + 7));
    CHECK(snowflake_generator::sequence_of(later) == 0);
  }
}

TEST_CASE("the node id keeps to its 10 bits") {
  snowflake_generator ids{1023};
  auto id = ids.next(at_ms(some_ms));
  CHECK(snowflake_generator::node_of(id) == 1023);
  CHECK(snowflake_instant(id) == at_ms(some_ms));
  CHECK(snowflake_generator{1024}.node_id() == 0);
}

TEST_CASE("snowflake ids strictly increase, even past 4096 in a millisecond") {
  snowflake_generator ids{1};
  int64_t previous = 0;
  for (int i = 0; i < 10'000; ++i) {
    auto id = ids.next(at_ms(some_ms));
    REQUIRE(id > previous);
    previous = id;
  }
  // 10 000 ids need three milliseconds' worth of sequence numbers.
  CHECK(snowflake_instant(previous) == at_ms(some_ms + 2));
  SECTION("the clock catching up continues after the borrowed millisecond") {
    auto id = ids.next(at_ms(some_ms + 1));
    CHECK(id > previous);
    CHECK(snowflake_instant(ids.next(at_ms(some_ms + 3)))
          == at_ms(some_ms + 3));
  }
}

TEST_CASE("snowflake ids keep increasing when the clock steps back") {
  snowflake_generator ids{1};
  auto before = ids.next(at_ms(some_ms));
  auto after = ids.next(at_ms(some_ms - 5000));
  CHECK(after > before);
  CHECK(snowflake_instant(after) == at_ms(some_ms));
}

TEST_CASE("instants before the snowflake epoch pin the time bits at zero") {
  snowflake_generator ids{3};
  auto id = ids.next(at_ms(0));
  CHECK(id >= 0);
  CHECK(snowflake_instant(id) == at_ms(snowflake_epoch_ms));
}
