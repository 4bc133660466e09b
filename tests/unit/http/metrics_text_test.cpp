// The Prometheus rendering of actor figures.
#include <catch2/catch.hpp>

#include "app/http/metrics_text.hpp"

using namespace hot;

namespace {

partition_figures figures_of(const char* topic, int p, int64_t consumed,
                             int64_t lag) {
  partition_figures f;
  f.topic = topic;
  f.partition = p;
  f.consumed = consumed;
  f.outcomes.applied = static_cast<uint64_t>(consumed - 1);
  f.outcomes.late = 1;
  f.lag = lag;
  f.rejected_by[static_cast<size_t>(decode_errc::malformed_json)] = 2;
  return f;
}

actor_stats partition(const char* topic, int p, int64_t consumed, int64_t lag) {
  actor_stats a;
  a.name = std::string{"partition "} + topic + "/" + std::to_string(p);
  a.kind = "partition";
  a.mailbox = static_cast<uint64_t>(p);
  a.figures = figures_of(topic, p, consumed, lag);
  return a;
}

actor_stats of_kind(const char* name, const char* kind, kind_figures f) {
  actor_stats a;
  a.name = name;
  a.kind = kind;
  a.figures = std::move(f);
  return a;
}

} // namespace

TEST_CASE("metrics sum events by topic and keep lag per partition") {
  stats_snapshot s;
  s.actors = {partition("board-like", 0, 10, 5),
              partition("board-like", 1, 20, 0),
              partition("board-view", 0, 7, 3)};
  writer_figures writer;
  writer.connected = true;
  writer.lists_written = 42;
  writer.board_lists_written = 420;
  writer.round_trips = 40;
  writer.connection_errors = 3;
  s.actors.push_back(of_kind("redis-writer", "writer", writer));
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
  CHECK_THAT(text, Catch::Contains("hot_articles_board_flushes_total 420\n"));
  CHECK_THAT(text,
             Catch::Contains("hot_articles_redis_round_trips_total 40\n"));
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
  auto paused = figures_of("board-like", 2, 5, 0);
  paused.paused = true;
  paused.pauses = 7;
  paused.behind_clock = 4;
  s.actors = {of_kind("partition board-like/2", "partition", paused),
              partition("board-like", 0, 1, 0)};
  writer_figures writer;
  writer.restores = 2;
  writer.pending_lists = 3;
  writer.partition = 7;
  writer.epoch = 1764547200123;
  writer.fenced_writes = 5;
  s.actors.push_back(of_kind("redis-writer", "writer", writer));
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
  tasks_figures tasks;
  tasks.epochs = {{0, 1}, {3, 1}, {5, 2}, {9, 1}};
  tasks.fenced_writes = 5;
  s.actors.push_back(of_kind("ranking-tasks", "tasks", tasks));
  text = render_metrics(s);
  CHECK_THAT(text, Catch::Contains("hot_articles_fenced_writes_total 5\n"));
  CHECK_THAT(text, Catch::Contains("hot_articles_owned_partitions 4\n"));
}

TEST_CASE("a source partition shows its watermark and copies, and outcomes "
          "are left to the internal partitions") {
  stats_snapshot s;
  partition_figures source;
  source.topic = "board-like";
  source.partition = 1;
  source.source = true;
  source.consumed = 9;
  source.rekeyed = 6;
  source.compacted = 2;
  source.watermark_ms = 1764547200123;
  s.actors = {of_kind("partition board-like/1", "partition", source)};
  auto text = render_metrics(s);
  CHECK_THAT(text, Catch::Contains("hot_articles_source_watermark_seconds{"
                                   "partition=\"1\",topic=\"board-like\"} "
                                   "1764547200\n"));
  CHECK_THAT(text, Catch::Contains("hot_articles_events_rekeyed_total{topic="
                                   "\"board-like\"} 6\n"));
  CHECK_THAT(text, Catch::Contains("hot_articles_events_compacted_total{topic="
                                   "\"board-like\"} 2\n"));
  CHECK_THAT(text, Catch::Contains("hot_articles_events_consumed_total{topic="
                                   "\"board-like\"} 9\n"));
  CHECK_THAT(text, !Catch::Contains("hot_articles_events_applied_total"));
}
