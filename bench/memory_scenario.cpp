// memory: what a tracked article costs the process, and what a day of
// articles, stored, costs Redis.
#include <algorithm>
#include <stdexcept>
#include <vector>

#include "bench/redis_account.hpp"
#include "bench/scenarios.hpp"

namespace hot::bench {

namespace {

double mib(int64_t bytes) {
  return static_cast<double>(bytes) / (1024.0 * 1024.0);
}

double per(int64_t bytes, uint64_t articles) {
  return articles > 0
           ? static_cast<double>(bytes) / static_cast<double>(articles)
           : 0;
}

/// The families by the bytes they take, most first.
std::vector<std::pair<std::string, family_usage>>
by_cost(const std::map<std::string, family_usage>& families) {
  std::vector<std::pair<std::string, family_usage>> out(families.begin(),
                                                        families.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second.bytes > b.second.bytes;
  });
  return out;
}

} // namespace

scenario_report memory_scenario(bench_context& ctx) {
  workload_options o;
  o.seed = ctx.options.seed;
  o.boards = ctx.options.boards;
  // Nearly every action creates an article: one event per tracked article.
  o.create_odds = 1e6;
  o.events = ctx.options.articles;
  o.like_each_article = true;
  auto w = timed_workload(o);
  auto& redis = ctx.redis_server();
  auto settings = bench_settings(redis, w);
  settings.shards.count = ctx.options.shards;
  settings.shards.boards.enabled = ctx.options.board_lists;
  auto conn = redis.connect();
  // Emptied first, so that what an earlier scenario stored is not freed
  // within the measurement (the run empties it again: nothing left).
  if (!conn.call({"FLUSHALL"}))
    throw std::runtime_error("memory: FLUSHALL failed");
  auto redis_before = read_account(conn);
  auto figures = run_pipeline(w, redis, settings, nullptr, true);
  auto redis_after = read_account(conn);
  auto families = key_families(conn);
  auto redis_growth = redis_after.used_memory - redis_before.used_memory;
  int64_t key_bytes = 0;
  for (const auto& [_, usage] : families)
    key_bytes += usage.bytes;
  auto per_article = per(figures.rss_growth, figures.articles);
  auto heap_per_article = per(figures.heap_growth, figures.articles);
  size_t title_bytes = 0;
  for (const auto& partition : w.truth.partitions)
    for (const auto& msg : partition)
      title_bytes += msg.ev ? msg.ev->title.size() : 0;
  scenario_report r;
  r.scenario = "memory";
  r.command = command_for("memory", ctx.options);
  r.lines = {
    "tracked articles: " + std::to_string(figures.articles)
      + ", each created and liked once (so each is ranked), on "
      + std::to_string(ctx.options.boards) + " boards, board lists "
      + (ctx.options.board_lists ? "on" : "off"),
    "RSS growth: " + std::to_string(mib(figures.rss_growth)) + " MiB, "
      + std::to_string(per_article) + " bytes per article (titles average "
      + std::to_string(static_cast<double>(title_bytes)
                       / static_cast<double>(std::max<uint64_t>(w.articles, 1)))
      + " bytes)",
    "heap in use growth: " + std::to_string(mib(figures.heap_growth)) + " MiB, "
      + std::to_string(heap_per_article) + " bytes per article",
    "Redis used_memory growth: " + fixed(mib(redis_growth), 2) + " MiB, "
      + fixed(per(redis_growth, figures.articles), 1) + " bytes per article, "
      + std::to_string(redis_after.keys)
      + " keys (MEMORY USAGE of all: " + fixed(mib(key_bytes), 2) + " MiB)",
  };
  auto json_families = nlohmann::json::object();
  for (const auto& [family, usage] : by_cost(families)) {
    r.lines.push_back("  " + family + ": " + std::to_string(usage.keys)
                      + " keys, " + fixed(mib(usage.bytes), 2) + " MiB");
    json_families[family] = {{"keys", usage.keys}, {"bytes", usage.bytes}};
  }
  r.figures = {{"articles", figures.articles},
               {"boards", ctx.options.boards},
               {"board_lists", ctx.options.board_lists},
               {"bytes_per_article", per_article},
               {"heap_bytes_per_article", heap_per_article},
               {"rss_growth_bytes", figures.rss_growth},
               {"redis_used_memory_growth_bytes", redis_growth},
               {"redis_bytes_per_article", per(redis_growth, figures.articles)},
               {"redis_keys", redis_after.keys},
               {"redis_key_bytes", key_bytes},
               {"redis_key_families", json_families}};
  return r;
}

} // namespace hot::bench
