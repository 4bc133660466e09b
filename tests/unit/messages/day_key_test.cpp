// Day keys and zone-less date-times.
#include <catch2/catch.hpp>

#include "messages/day_key.hpp"
#include "messages/local_datetime.hpp"
#include "messages/snowflake.hpp"

using namespace hot;

TEST_CASE("day keys parse only possible yyyyMMdd dates") {
  CHECK(day_key::parse("20250525")->value() == 20250525);
  CHECK(day_key::parse("20240229"));
  CHECK_FALSE(day_key::parse("20250229"));
  CHECK_FALSE(day_key::parse("20251301"));
  CHECK_FALSE(day_key::parse("20250500"));
  CHECK_FALSE(day_key::parse("2025-05-25"));
  CHECK_FALSE(day_key::parse("2025052"));
  CHECK_FALSE(day_key::parse("202505251"));
  CHECK_FALSE(day_key::parse("2025O525"));
  CHECK_FALSE(day_key::parse("00000101"));
}

TEST_CASE("day keys step across months, years and leap days") {
  CHECK(day_key::parse("20241231")->next().to_string() == "20250101");
  CHECK(day_key::parse("20240301")->prev().to_string() == "20240229");
  CHECK(day_key::parse("20250101")->plus_days(-7).to_string() == "20241225");
  CHECK(*day_key::parse("20250101") < *day_key::parse("20250102"));
}

TEST_CASE("ISO local date-times parse with and without fractions") {
  local_datetime t;
  REQUIRE(parse_iso_local_datetime("2025-05-25T02:36:02.746755", t)
          == datetime_problem::none);
  CHECK(t.nanos == 746755000);
  CHECK(t.to_iso() == "2025-05-25T02:36:02.746755");
  REQUIRE(parse_iso_local_datetime("2025-05-25T02:36:02", t)
          == datetime_problem::none);
  CHECK(t.to_iso() == "2025-05-25T02:36:02");
  REQUIRE(parse_iso_local_datetime("2025-05-25T02:36:02.5", t)
          == datetime_problem::none);
  CHECK(t.to_iso() == "2025-05-25T02:36:02.5");
  for (const char* bad :
       {"2025-05-25", "2025-05-25 02:36:02", "2025-05-25T2:36",
        "2025-05-25T02:36:02.", "2025-05-25T02:36:02.1234567890",
        "2025-05-25T02:36:02Z", "2025-05-25T02:36:02+09:00"})
    CHECK(parse_iso_local_datetime(bad, t) == datetime_problem::malformed);
  for (const char* impossible :
       {"2025-00-01T00:00", "2025-04-31T00:00", "2025-01-01T24:00",
        "2025-01-01T00:60", "2025-01-01T00:00:60"})
    CHECK(parse_iso_local_datetime(impossible, t)
          == datetime_problem::out_of_range);
}

TEST_CASE("Snowflake ids carry their creation instant") {
  CHECK(snowflake_instant(184721186232410112).time_since_epoch().count()
        == 1748108162751);
  auto at = snowflake_instant(184721186232410112);
  CHECK(snowflake_instant(snowflake_floor(at)) == at);
  CHECK(snowflake_floor(at) <= 184721186232410112);
}
