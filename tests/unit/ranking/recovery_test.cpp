// Where a restarted pipeline resumes.
#include <catch2/catch.hpp>

#include "actors/ranking/state/recovery.hpp"
#include "tests/support/event_builders.hpp"

using namespace hot;
using namespace std::chrono_literals;

TEST_CASE("a restart resumes after the last day stored as sealed") {
  auto cal = *day_calendar::make("Asia/Seoul", 1h);
  auto ttl = std::chrono::seconds{10 * 24h};
  auto now = test::utc(2025, 5, 27, 3); // 12:00 KST on the 27th
  SECTION("first start: the days the wall clock has sealed") {
    CHECK(initial_sealed_through(cal, std::nullopt, now, ttl).to_string()
          == "20250526");
    // 00:30 KST on the 27th: the 26th is still open.
    CHECK(initial_sealed_through(cal, std::nullopt,
                                 test::utc(2025, 5, 26, 15, 30), ttl)
            .to_string()
          == "20250525");
  }
  SECTION("after downtime: the missed days are rebuilt") {
    CHECK(initial_sealed_through(cal, *day_key::parse("20250523"), now, ttl)
            .to_string()
          == "20250523");
  }
  SECTION("but never further back than the lists live") {
    CHECK(initial_sealed_through(cal, *day_key::parse("20250101"), now, ttl)
            .to_string()
          == "20250517");
  }
}
