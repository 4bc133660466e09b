// The admin interface's views: figure kinds, sort keys, zone and age.
#include <catch2/catch.hpp>

#include "app/http/admin_views.hpp"

using namespace hot;
using json = nlohmann::json;

namespace {

actor_stats actor(std::string name, uint64_t mailbox,
                  std::vector<figure> figures = {}) {
  actor_stats a;
  a.name = std::move(name);
  a.kind = "shard";
  a.mailbox = mailbox;
  a.figures = std::move(figures);
  a.detail = "{}";
  return a;
}

// 2026-11-22T07:54:39.492+09:00.
const instant taken{std::chrono::milliseconds{1795301679492}};

} // namespace

TEST_CASE("counters have rates, gauges and instants do not") {
  CHECK(std::string{figure_kind("flushes")} == "counter");
  CHECK(std::string{figure_kind("consumed")} == "counter");
  CHECK(std::string{figure_kind("snowflake_mismatches")} == "counter");
  for (const auto* gauge :
       {"last_flush_latency_us", "max_latency_us", "lag", "in_flight",
        "pending_lists", "epoch_3", "connected", "position", "articles"})
    CHECK(std::string{figure_kind(gauge)} == "gauge");
  CHECK(std::string{figure_kind("stream_time_ms")} == "instant");
  CHECK(std::string{figure_kind("watermark_ms")} == "instant");

  stats_snapshot s;
  s.taken = taken;
  s.actors = {actor("ranking 20261122", 0,
                    {{"flushes", 50}, {"last_flush_latency_us", 566}})};
  s.rates["ranking 20261122"] = {{"flushes", 2.0},
                                 {"last_flush_latency_us", -59.9}};
  auto view = actor_view(s, s.actors[0]);
  CHECK(view["figures"]["last_flush_latency_us"] == 566);
  CHECK(view["figureKinds"]["last_flush_latency_us"] == "gauge");
  CHECK(view["figureKinds"]["flushes"] == "counter");
  CHECK(view["rates"] == json{{"flushes", 2.0}});
}

TEST_CASE("top knows mailbox and rate, and breaks mailbox ties by busy") {
  CHECK(is_top_order("mailbox"));
  CHECK(is_top_order("rate"));
  CHECK_FALSE(is_top_order("xx"));
  CHECK_FALSE(is_top_order(""));
  stats_snapshot s;
  s.actors = {actor("a polling", 0), actor("b busy", 0), actor("c full", 4)};
  // Many messages, little work: a source polling itself while idle.
  s.rates["a polling"] = {{"messages", 50.0}, {"busy_ns", 1e6}};
  s.rates["b busy"] = {{"messages", 5.0}, {"busy_ns", 5e8}};
  auto top = top_view(s, "mailbox", 3)["actors"];
  REQUIRE(top.size() == 3);
  CHECK(top[0]["name"] == "c full");
  CHECK(top[1]["name"] == "b busy");
  CHECK(top[2]["name"] == "a polling");
}

TEST_CASE("views say when their figures were taken, how old, in which zone") {
  auto zone = time_zone_view("Asia/Seoul", taken);
  CHECK(zone
        == json{{"name", "Asia/Seoul"},
                {"abbreviation", "KST"},
                {"utcOffsetSeconds", 32400},
                {"utcOffset", "+09:00"}});
  CHECK(time_zone_view("America/St_Johns", taken)["utcOffset"] == "-03:30");
  CHECK(time_zone_view("Nowhere/Else", taken)["name"] == "UTC");

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
  s.actors = {actor("shard p0-0", 0, {{"snowflake_mismatches", 2}}),
              actor("shard p1-0", 0, {{"snowflake_mismatches", 1}}),
              actor("shard p2-0", 0)};
  CHECK(overview_view(s, 1.0)["snowflakeMismatches"] == 3);
  CHECK(overview_view(stats_snapshot{}, 1.0)["snowflakeMismatches"] == 0);
}
