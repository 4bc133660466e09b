// The Prometheus rendering of actor figures.
#include <catch2/catch.hpp>

#include "app/http/metrics_text.hpp"

using namespace hot;

namespace {

actor_stats partition(const char* topic, int p, int64_t consumed, int64_t lag) {
  actor_stats a;
  a.name = std::string{"partition "} + topic + "/" + std::to_string(p);
  a.kind = "partition";
  a.mailbox = static_cast<uint64_t>(p);
  a.figures = {{"consumed", consumed},
               {"applied", consumed - 1},
               {"late", 1},
               {"lag", lag},
               {"internal", 1}};
  a.detail = std::string{R"({"topic":")"} + topic + R"(","partition":)"
             + std::to_string(p)
             + R"(,"rejectedBy":{"malformed_json":2,"unknown_type":0}})";
  return a;
}

} // namespace

TEST_CASE("metrics sum events by topic and keep lag per partition") {
  stats_snapshot s;
  s.actors = {partition("board-like", 0, 10, 5),
              partition("board-like", 1, 20, 0),
              partition("board-view", 0, 7, 3)};
  actor_stats writer;
  writer.name = "redis-writer";
  writer.kind = "writer";
  writer.figures = {{"connected", 1},
                    {"lists_written", 42},
                    {"write_errors", 0},
                    {"connection_errors", 3}};
  s.actors.push_back(writer);
  auto text = render_metrics(s);
  CHECK_THAT(
    text, Catch::Contains(
            "hot_articles_events_consumed_total{topic=\"board-like\"} 30\n"));
  CHECK_THAT(text,
             Catch::Contains(
               "hot_articles_events_applied_total{topic=\"board-view\"} 6\n"));
  CHECK_THAT(text,
             Catch::Contains(
               "hot_articles_events_late_total{topic=\"board-like\"} 2\n"));
  CHECK_THAT(text,
             Catch::Contains("hot_articles_events_rejected_total{reason="
                             "\"malformed_json\",topic=\"board-like\"} 4\n"));
  CHECK_THAT(text, Catch::Contains("hot_articles_consumer_lag{partition=\"0\","
                                   "topic=\"board-like\"} 5\n"));
  CHECK_THAT(text, Catch::Contains("hot_articles_flushes_total 42\n"));
  CHECK_THAT(text,
             Catch::Contains(
               "hot_articles_redis_errors_total{kind=\"connection\"} 3\n"));
  CHECK_THAT(
    text, Catch::Contains("hot_articles_mailbox_size{kind=\"partition\"} 1\n"));
  CHECK_THAT(text, Catch::Contains(
                     "hot_articles_mailbox_size_max{kind=\"partition\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("# TYPE hot_articles_consumer_lag gauge\n"));
  // Each metric's HELP/TYPE block appears once.
  auto first = text.find("# TYPE hot_articles_events_consumed_total");
  CHECK(text.find("# TYPE hot_articles_events_consumed_total", first + 1)
        == std::string::npos);
}

TEST_CASE("metrics show partition pauses, late stamps and Redis restores") {
  stats_snapshot s;
  auto paused = partition("board-like", 2, 5, 0);
  paused.figures.emplace_back("paused", 1);
  paused.figures.emplace_back("pauses", 7);
  paused.figures.emplace_back("behind_clock", 4);
  s.actors = {paused, partition("board-like", 0, 1, 0)};
  actor_stats writer;
  writer.name = "redis-writer";
  writer.kind = "writer";
  writer.figures = {{"restores", 2},
                    {"pending_lists", 3},
                    {"partition", 7},
                    {"epoch", 1764547200123},
                    {"fenced_writes", 5}};
  s.actors.push_back(writer);
  auto text = render_metrics(s);
  CHECK_THAT(text,
             Catch::Contains("hot_articles_partition_pauses_total{partition="
                             "\"2\",topic=\"board-like\"} 7\n"));
  CHECK_THAT(text,
             Catch::Contains("hot_articles_partition_pauses_total{partition="
                             "\"0\",topic=\"board-like\"} 0\n"));
  CHECK_THAT(text, Catch::Contains("hot_articles_partition_paused{partition="
                                   "\"2\",topic=\"board-like\"} 1\n"));
  CHECK_THAT(text, Catch::Contains(
                     "# TYPE hot_articles_partition_pauses_total counter\n"));
  CHECK_THAT(text,
             Catch::Contains("hot_articles_messages_behind_clock_total{"
                             "partition=\"2\",topic=\"board-like\"} 4\n"));
  CHECK_THAT(text, Catch::Contains("hot_articles_redis_restores_total 2\n"));
  CHECK_THAT(text, Catch::Contains(
                     "hot_articles_redis_pending_lists{partition=\"7\"} 3\n"));
  CHECK_THAT(text, Catch::Contains("hot_articles_owned_partition_epoch{"
                                   "partition=\"7\"} 1764547200123\n"));
  actor_stats tasks;
  tasks.name = "ranking-tasks";
  tasks.kind = "tasks";
  tasks.figures = {{"tasks", 4}, {"fenced_writes", 5}};
  s.actors.push_back(tasks);
  text = render_metrics(s);
  CHECK_THAT(text, Catch::Contains("hot_articles_fenced_writes_total 5\n"));
  CHECK_THAT(text, Catch::Contains("hot_articles_owned_partitions 4\n"));
}

TEST_CASE("a source partition shows its watermark and copies, and outcomes "
          "are left to the internal partitions") {
  stats_snapshot s;
  actor_stats source;
  source.name = "partition board-like/1";
  source.kind = "partition";
  source.figures = {{"consumed", 9},
                    {"applied", 0},
                    {"internal", 0},
                    {"rekeyed", 8},
                    {"watermark_ms", 1764547200123}};
  source.detail = R"({"topic":"board-like","partition":1,"role":"source"})";
  s.actors = {source};
  auto text = render_metrics(s);
  CHECK_THAT(text, Catch::Contains("hot_articles_source_watermark_seconds{"
                                   "partition=\"1\",topic=\"board-like\"} "
                                   "1764547200\n"));
  CHECK_THAT(text, Catch::Contains("hot_articles_events_rekeyed_total{topic="
                                   "\"board-like\"} 8\n"));
  CHECK_THAT(text, Catch::Contains("hot_articles_events_consumed_total{topic="
                                   "\"board-like\"} 9\n"));
  CHECK_THAT(text, !Catch::Contains("hot_articles_events_applied_total"));
}
