// Typed figures as the admin interface's JSON: numbers, kinds, details.
#include <catch2/catch.hpp>

#include "app/http/figures_json.hpp"

using namespace hot;
using json = nlohmann::json;

TEST_CASE("a partition's detail names its role and its rejections") {
  partition_figures f;
  f.topic = "board-like";
  f.partition = 4;
  f.source = true;
  f.rejected_by[static_cast<size_t>(decode_errc::unknown_type)] = 3;
  auto detail = detail_json(f);
  CHECK(detail["topic"] == "board-like");
  CHECK(detail["partition"] == 4);
  CHECK(detail["role"] == "source");
  CHECK(detail["rejectedBy"]["unknown_type"] == 3);
  CHECK(detail["rejectedBy"]["malformed_json"] == 0);
  f.source = false;
  CHECK(detail_json(f)["role"] == "by-article");
}

TEST_CASE("a directory shows its stream time as UTC, or nothing before it") {
  directory_figures f;
  f.sealed_through = *day_key::from_ymd(2026, 12, 2);
  CHECK(detail_json(f)
        == json{
          {"sealedThrough", "20261202"}, {"sealing", ""}, {"streamTime", ""}});
  f.stream_time_ms = 1764547200123;
  f.is_sealing = true;
  f.sealing = *day_key::from_ymd(2026, 12, 3);
  auto detail = detail_json(f);
  CHECK(detail["streamTime"] == "2025-12-01T00:00:00.123Z");
  CHECK(detail["sealing"] == "20261203");
}

TEST_CASE("every number of a kind is listed with how it reads") {
  stats_snapshot s;
  actor_stats tasks;
  tasks.name = "ranking-tasks";
  tasks_figures f;
  f.claims = 3;
  f.epochs = {{2, 7}, {5, 9}};
  tasks.figures = f;
  auto out = figures_json(s, tasks);
  CHECK(out["figures"]["tasks"] == 2);
  CHECK(out["figures"]["epoch_5"] == 9);
  CHECK(out["figureKinds"]["epoch_5"] == "gauge");
  CHECK(out["figureKinds"]["claims"] == "counter");
  // No round before: no change to measure.
  CHECK(out["rates"]["claims"] == 0.0);
  CHECK_FALSE(out["rates"].contains("epoch_5"));
  actor_stats idle;
  CHECK(figures_json(s, idle)["figures"] == json::object());
  CHECK(detail_json(idle.figures) == json::object());
}
