// Day keys, day ends and seal instants in real time zones, across DST.
#include <catch2/catch.hpp>

#include <cstdio>

#include <date/date.h>

#include "messages/day_calendar.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

day_calendar calendar(const char* zone, std::chrono::milliseconds seal = 1h) {
  auto cal = day_calendar::make(zone, seal);
  REQUIRE(cal);
  return *cal;
}

day_key day(const char* text) {
  auto d = day_key::parse(text);
  REQUIRE(d);
  return *d;
}

// Reads "2024-03-10T05:00:00.000Z" style UTC instants for readable checks.
instant utc(const char* text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  REQUIRE(
    std::sscanf(text, "%d-%d-%dT%d:%d:%d.%dZ", &y, &mo, &d, &h, &mi, &s, &ms)
    == 7);
  auto days = date::sys_days{date::year{y} / mo / d};
  return instant{days} + std::chrono::hours{h} + std::chrono::minutes{mi}
         + std::chrono::seconds{s} + std::chrono::milliseconds{ms};
}

std::string iso(instant t) {
  return date::format("%FT%TZ", t);
}

} // namespace

TEST_CASE("Asia/Seoul days run from 15:00Z to 15:00Z and seal at 16:00Z") {
  auto cal = calendar("Asia/Seoul");
  CHECK(iso(cal.start_of(day("20250525"))) == "2025-05-24T15:00:00.000Z");
  CHECK(iso(cal.end_of(day("20250525"))) == "2025-05-25T15:00:00.000Z");
  CHECK(iso(cal.seal_of(day("20250525"))) == "2025-05-25T16:00:00.000Z");
  // The reference example: 2025-05-24T17:36:02.751Z is 02:36 on the 25th.
  CHECK(cal.day_at(utc("2025-05-24T17:36:02.751Z")).to_string() == "20250525");
  CHECK(cal.day_at(utc("2025-05-24T14:59:59.999Z")).to_string() == "20250524");
  CHECK(cal.day_at(utc("2025-05-24T15:00:00.000Z")).to_string() == "20250525");
}

TEST_CASE("the list served flips to yesterday's at the seal instant") {
  auto cal = calendar("Asia/Seoul");
  // 00:59:59.999 KST on the 26th: the 25th is not sealed yet.
  CHECK(cal.last_sealed_at(utc("2025-05-25T15:59:59.999Z")).to_string()
        == "20250524");
  CHECK(cal.last_sealed_at(utc("2025-05-25T16:00:00.000Z")).to_string()
        == "20250525");
  CHECK(cal.last_sealed_at(utc("2025-05-26T14:00:00.000Z")).to_string()
        == "20250525");
}

TEST_CASE("seal-after is configurable, including zero and past a day") {
  CHECK(iso(calendar("Asia/Seoul", 0ms).seal_of(day("20250525")))
        == "2025-05-25T15:00:00.000Z");
  CHECK(iso(calendar("Asia/Seoul", 90min).seal_of(day("20250525")))
        == "2025-05-25T16:30:00.000Z");
  auto slow = calendar("Asia/Seoul", 26h);
  CHECK(iso(slow.seal_of(day("20250525"))) == "2025-05-26T17:00:00.000Z");
  CHECK(slow.last_sealed_at(utc("2025-05-26T17:00:00.000Z")).to_string()
        == "20250525");
}

TEST_CASE("America/New_York: the spring-forward day has 23 hours") {
  auto cal = calendar("America/New_York");
  CHECK(iso(cal.start_of(day("20240310"))) == "2024-03-10T05:00:00.000Z");
  CHECK(iso(cal.end_of(day("20240310"))) == "2024-03-11T04:00:00.000Z");
  CHECK(iso(cal.end_of(day("20240309"))) == "2024-03-10T05:00:00.000Z");
  CHECK(iso(cal.seal_of(day("20240309"))) == "2024-03-10T06:00:00.000Z");
  CHECK(iso(cal.seal_of(day("20240310"))) == "2024-03-11T05:00:00.000Z");
  CHECK(cal.day_at(utc("2024-03-11T03:59:59.999Z")).to_string() == "20240310");
  CHECK(cal.day_at(utc("2024-03-11T04:00:00.000Z")).to_string() == "20240311");
}

TEST_CASE("America/New_York: the fall-back day has 25 hours") {
  auto cal = calendar("America/New_York");
  CHECK(iso(cal.start_of(day("20241103"))) == "2024-11-03T04:00:00.000Z");
  CHECK(iso(cal.end_of(day("20241103"))) == "2024-11-04T05:00:00.000Z");
  CHECK(cal.day_at(utc("2024-11-04T04:59:59.999Z")).to_string() == "20241103");
}

TEST_CASE("a seal instant inside a DST gap or overlap is well defined") {
  // 02:30 on 2024-03-10 does not exist in New York: use the transition.
  auto gap = calendar("America/New_York", 150min);
  CHECK(iso(gap.seal_of(day("20240309"))) == "2024-03-10T07:00:00.000Z");
  // 01:30 on 2024-11-03 happens twice: use the first (EDT) one.
  auto overlap = calendar("America/New_York", 90min);
  CHECK(iso(overlap.seal_of(day("20241102"))) == "2024-11-03T05:30:00.000Z");
}

TEST_CASE("a zone whose midnight falls into a DST gap starts the day at the "
          "transition") {
  // Chile springs forward at 24:00 on 2024-09-07: 2024-09-08 starts at 01:00.
  auto cal = calendar("America/Santiago");
  CHECK(iso(cal.start_of(day("20240908"))) == "2024-09-08T04:00:00.000Z");
  CHECK(cal.day_at(cal.start_of(day("20240908"))).to_string() == "20240908");
}

TEST_CASE("unknown zones and negative seal-after are rejected") {
  auto bad = day_calendar::make("Mars/Olympus_Mons", 1h);
  REQUIRE_FALSE(bad);
  CHECK_THAT(caf::to_string(bad.error()), Catch::Contains("Mars/Olympus_Mons"));
  CHECK_FALSE(day_calendar::make("Asia/Seoul", -1ms));
}

TEST_CASE("local wall-clock times follow the zone's offset") {
  auto seoul = calendar("Asia/Seoul");
  CHECK(seoul.local_at(utc("2025-05-24T17:36:02.751Z")).to_iso()
        == "2025-05-25T02:36:02.751");
  auto ny = calendar("America/New_York");
  CHECK(ny.local_at(utc("2024-03-10T06:59:59.000Z")).to_iso()
        == "2024-03-10T01:59:59");
  CHECK(ny.local_at(utc("2024-03-10T07:00:00.000Z")).to_iso()
        == "2024-03-10T03:00:00");
}
