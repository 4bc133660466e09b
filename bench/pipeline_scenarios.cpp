// pipeline and reference: the actor pipeline over in-memory Kafka
// partitions, and the reference's algorithm over the same events.
#include <algorithm>
#include <chrono>
#include <map>
#include <sstream>

#include "bench/reference_run.hpp"
#include "bench/scenarios.hpp"

namespace hot::bench {

namespace {

using steady = std::chrono::steady_clock;

std::string mix_of(const workload& w) {
  std::ostringstream out;
  for (size_t i = 0; i < w.by_type.size(); ++i)
    if (w.by_type[i] > 0)
      out << wire_name(static_cast<event_type>(i)) << " " << w.by_type[i]
          << "  ";
  return out.str();
}

std::string busy_text(const std::map<std::string, double>& busy) {
  std::ostringstream out;
  out.precision(3);
  for (const auto& [kind, seconds] : busy)
    out << kind << " " << seconds << " s  ";
  return out.str();
}

double mib(int64_t bytes) {
  return static_cast<double>(bytes) / (1024.0 * 1024.0);
}

} // namespace

workload timed_workload(const workload_options& options) {
  progress("encoding " + std::to_string(options.events) + " events");
  auto start = steady::now();
  auto w = make_workload(options);
  auto took = std::chrono::duration<double>(steady::now() - start).count();
  progress("encoded " + human(static_cast<double>(w.events)) + " events ("
           + human(static_cast<double>(w.bytes)) + "B, "
           + std::to_string(w.articles) + " articles) in "
           + std::to_string(took) + " s");
  return w;
}

test::redis_server& bench_context::redis_server() {
  if (!redis)
    redis = std::make_unique<test::redis_server>();
  return *redis;
}

const workload& bench_context::day_workload() {
  if (!events) {
    workload_options o;
    o.events = options.events;
    o.seed = options.seed;
    o.boards = options.boards;
    events = std::make_unique<workload>(timed_workload(o));
  }
  return *events;
}

scenario_report pipeline_scenario(bench_context& ctx) {
  const auto& w = ctx.day_workload();
  auto& redis = ctx.redis_server();
  auto settings = bench_settings(redis, w);
  settings.shards.count = ctx.options.shards;
  settings.shards.boards.enabled = ctx.options.board_lists;
  progress("ranking the workload with the oracle");
  auto expected = test::rank_open_days(w.truth, w.calendar, settings.ranking);
  std::vector<double> rates, cpu, growth;
  uint64_t articles = 0;
  uint64_t pauses = 0;
  std::map<std::string, double> busy;
  std::string mismatch;
  for (uint32_t run = 1; run <= ctx.options.runs; ++run) {
    auto figures = run_pipeline(w, redis, settings, &expected);
    progress(
      "run " + std::to_string(run) + ": " + human(figures.events_per_s())
      + " events/s, " + std::to_string(figures.seconds) + " s"
      + (figures.mismatch.empty() ? ", lists = oracle" : ", LISTS DIFFER"));
    rates.push_back(figures.events_per_s());
    cpu.push_back(figures.cpu_seconds);
    growth.push_back(static_cast<double>(figures.rss_growth));
    articles = figures.articles;
    pauses += figures.partition_pauses;
    busy = figures.busy_seconds;
    if (mismatch.empty())
      mismatch = figures.mismatch;
  }
  auto rate = spread_of(rates);
  ctx.pipeline_rate = rate;
  auto mem = spread_of(growth);
  auto per_article = articles > 0 ? mem.median / static_cast<double>(articles)
                                  : 0;
  scenario_report r;
  r.scenario = "pipeline";
  r.command = command_for("pipeline", ctx.options);
  size_t largest = 0;
  for (const auto& log : w.logs)
    largest = std::max(largest, log->size());
  r.lines = {
    "events: " + std::to_string(w.events) + " in "
      + std::to_string(w.logs.size()) + " partitions (the largest holds "
      + std::to_string(100 * largest / std::max<uint64_t>(w.events, 1))
      + " %), mix: " + mix_of(w),
    "throughput: " + human(rate.median) + " events/s (median of "
      + std::to_string(rates.size()) + "; min " + human(rate.min) + ", max "
      + human(rate.max) + ")",
    "cpu time per run: " + std::to_string(spread_of(cpu).median)
      + " s (median)",
    "peak RSS: " + std::to_string(mib(peak_resident_bytes()))
      + " MiB (the encoded workload included)",
    "tracked articles: " + std::to_string(articles) + ", memory "
      + std::to_string(per_article) + " bytes per article (RSS growth)",
    "partition pauses: " + std::to_string(pauses),
    "busy in handlers (last run): " + busy_text(busy),
    "oracle: "
      + (mismatch.empty() ? std::string{"every list matches"}
                          : "MISMATCH: " + mismatch),
  };
  r.figures = {{"events", w.events},
               {"events_per_s", rate.median},
               {"events_per_s_min", rate.min},
               {"events_per_s_max", rate.max},
               {"cpu_seconds", spread_of(cpu).median},
               {"peak_rss_bytes", peak_resident_bytes()},
               {"bytes_per_article", per_article},
               {"articles", articles},
               {"oracle_ok", mismatch.empty()}};
  return r;
}

scenario_report reference_scenario(bench_context& ctx) {
  if (!ctx.pipeline_rate)
    print(pipeline_scenario(ctx), ctx.options.json);
  const auto& w = ctx.day_workload();
  auto& redis = ctx.redis_server();
  auto order = interleaved(w);
  if (order.size() > ctx.options.reference_events)
    order.resize(ctx.options.reference_events);
  auto conn = redis.connect();
  conn.call({"FLUSHALL"});
  progress("reference: " + std::to_string(order.size()) + " events");
  auto figures = run_reference(order, conn, w.calendar);
  auto ratio = figures.events_per_s() > 0
                 ? ctx.pipeline_rate->median / figures.events_per_s()
                 : 0;
  scenario_report r;
  r.scenario = "reference";
  r.command = command_for("reference", ctx.options);
  r.lines = {
    "reference: " + std::to_string(figures.events)
      + " events (a prefix of "
        "the same workload) in "
      + std::to_string(figures.seconds) + " s: " + human(figures.events_per_s())
      + " events/s, " + std::to_string(figures.round_trips)
      + " Redis round trips",
    "pipeline (this run, median): " + human(ctx.pipeline_rate->median)
      + " events/s",
    "ratio pipeline/reference: " + std::to_string(ratio) + "x",
  };
  r.figures = {{"events", figures.events},
               {"reference_events_per_s", figures.events_per_s()},
               {"events_per_s", ctx.pipeline_rate->median},
               {"ratio_vs_reference", ratio},
               {"round_trips", figures.round_trips}};
  return r;
}

} // namespace hot::bench
