// Durations in configuration values.
#include <catch2/catch.hpp>

#include "common/duration.hpp"

using namespace hot;
using namespace std::chrono_literals;

TEST_CASE("durations read with every unit and in combinations") {
  CHECK(parse_duration("250ms") == 250ms);
  CHECK(parse_duration("5s") == 5s);
  CHECK(parse_duration("90m") == 90min);
  CHECK(parse_duration("90min") == 90min);
  CHECK(parse_duration("1h") == 1h);
  CHECK(parse_duration("10d") == std::chrono::hours{240});
  CHECK(parse_duration("1h30min") == 90min);
  CHECK(parse_duration("0s") == 0ms);
}

TEST_CASE("malformed durations are rejected") {
  for (const char* bad : {"", "h", "10", "-1h", "1.5h", "1 h", "1hour", "1h-",
                          "99999999999999999999d", "9223372036854775807d"})
    CHECK_FALSE(parse_duration(bad));
}

TEST_CASE("durations print in their shortest exact form") {
  CHECK(format_duration(std::chrono::hours{240}) == "10d");
  CHECK(format_duration(90min) == "90min");
  CHECK(format_duration(1h) == "1h");
  CHECK(format_duration(1500ms) == "1500ms");
  CHECK(format_duration(0ms) == "0s");
}
