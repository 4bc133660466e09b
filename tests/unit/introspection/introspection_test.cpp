// The throughput line's rates.
#include <catch2/catch.hpp>

#include "actors/introspection/introspection.hpp"

using namespace hot;

TEST_CASE("a trickle of events does not read as zero per second",
          "[unit][introspection]") {
  CHECK(rate_text(0) == "0");
  CHECK(rate_text(0.2) == "0.20");
  CHECK(rate_text(0.004) == "0.00");
  CHECK(rate_text(2.25) == "2.2");
  CHECK(rate_text(9.96) == "10.0");
  CHECK(rate_text(12345.6) == "12346");
}
