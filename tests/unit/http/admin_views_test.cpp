// The admin interface's views: figure kinds, sort keys, zone and age.
#include <catch2/catch.hpp>

#include "app/http/admin_views.hpp"

using namespace hot;
using json = nlohmann::json;

namespace {

actor_stats actor(std::string name, uint64_t mailbox,
                  kind_figures figures = no_figures{}) {
  actor_stats a;
  a.name = std::move(name);
  a.kind = "shard";
  a.mailbox = mailbox;
  a.figures = std::move(figures);
  return a;
}

shard_figures mismatches(int64_t n) {
  shard_figures f;
  f.snowflake_mismatches = n;
  return f;
}

// 2026-11-22T07:54:39.492+09:00.
const instant taken{std::chrono::milliseconds{1795301679492}};

} // namespace

TEST_CASE("counters have rates, gauges and instants do not") {
  ranking_figures day;
  day.flushes = 50;
  day.last_flush_latency_us = 566;
  day.last_flush_ms = 1795301679000;
  stats_snapshot s;
  s.taken = taken;
  s.actors = {actor("ranking 20261122", 0, day)};
  day.flushes = 46;
  day.last_flush_latency_us = 1165;
  s.previous_taken = taken - std::chrono::seconds{2};
  s.previous = {actor("ranking 20261122", 0, day)};
  auto view = actor_view(s, s.actors[0]);
  CHECK(view["figures"]["last_flush_latency_us"] == 566);
  CHECK(view["figureKinds"]["last_flush_latency_us"] == "gauge");
  CHECK(view["figureKinds"]["flushes"] == "counter");
  CHECK(view["figureKinds"]["last_flush_ms"] == "instant");
  CHECK(view["rates"] == json{{"flushes", 2.0}, {"flush_errors", 0.0}});
  CHECK(view["detail"]["lastFlushEpochMs"] == 1795301679000);
}

TEST_CASE("top knows mailbox and rate, and breaks mailbox ties by busy") {
  CHECK(is_top_order("mailbox"));
  CHECK(is_top_order("rate"));
  CHECK_FALSE(is_top_order("xx"));
  CHECK_FALSE(is_top_order(""));
  stats_snapshot s;
  s.taken = taken;
  s.actors = {actor("a polling", 0), actor("b busy", 0), actor("c full", 4)};
  // Many messages, little work: a source polling itself while idle.
  s.actors[0].messages = 50;
  s.actors[0].busy_ns = 1'000'000;
  s.actors[1].messages = 5;
  s.actors[1].busy_ns = 500'000'000;
  s.previous_taken = taken - std::chrono::seconds{1};
  s.previous = {actor("a polling", 0), actor("b busy", 0), actor("c full", 0)};
  auto top = top_view(s, "mailbox", 3)["actors"];
  REQUIRE(top.size() == 3);
  CHECK(top[0]["name"] == "c full");
  CHECK(top[1]["name"] == "b busy");
  CHECK(top[2]["name"] == "a polling");
}

TEST_CASE("views say when their figures were taken, how old, in which zone") {
  auto seoul = *day_calendar::make("Asia/Seoul", std::chrono::hours{1});
  auto zone = time_zone_view(seoul, taken);
  CHECK(zone
        == json{{"name", "Asia/Seoul"},
                {"abbreviation", "KST"},
                {"utcOffsetSeconds", 32400},
                {"utcOffset", "+09:00"}});
  auto st_johns = *day_calendar::make("America/St_Johns",
                                      std::chrono::hours{1});
  CHECK(time_zone_view(st_johns, taken)["utcOffset"] == "-03:30");

  stats_snapshot s;
  s.taken = taken;
  json view = json::object();
  stamp_view(view, s, taken + std::chrono::milliseconds{2100}, zone);
  CHECK(view["takenEpochMs"] == 1795301679492);
  CHECK(view["ageSeconds"].get<double>() == Approx(2.1));
  CHECK(view["timeZone"]["abbreviation"] == "KST");
  SECTION("before the first round nothing is old") {
    json empty = json::object();
    stamp_view(empty, stats_snapshot{}, taken, zone);
    CHECK(empty["ageSeconds"] == 0.0);
  }
}

TEST_CASE("the overview adds up the shards' snowflake mismatches") {
  stats_snapshot s;
  s.actors = {actor("shard p0-0", 0, mismatches(2)),
              actor("shard p1-0", 0, mismatches(1)), actor("shard p2-0", 0)};
  CHECK(overview_view(s, 1.0)["snowflakeMismatches"] == 3);
  CHECK(overview_view(stats_snapshot{}, 1.0)["snowflakeMismatches"] == 0);
}
