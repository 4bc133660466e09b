// e2e: the daemon against a mock cluster fed by the generator at a steady
// rate; how long a produced event takes to be visible in Redis, and how
// much Redis is asked to do meanwhile.
#include <algorithm>
#include <fstream>
#include <optional>
#include <regex>
#include <stdexcept>
#include <thread>

#include "app/generator/event_producer.hpp"
#include "app/generator/snowflake_generator.hpp"
#include "bench/redis_account.hpp"
#include "bench/scenarios.hpp"
#include "bench/stats_text.hpp"
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/wait.hpp"

namespace hot::bench {

namespace {

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

// Probe articles get like counts no generated article reaches, each above
// the last, so each probe enters today's list at the top.
constexpr int64_t probe_likes = 1'000'000'000;

// Probes slower than this are listed with their send time.
constexpr double slow_probe_ms = 100;

int64_t total_lag(const std::string& metrics) {
  return static_cast<int64_t>(metric_sum(metrics, "hot_articles_consumer_lag"));
}

// The generator's delivered events per second, from its final line
// ("done after 20.00s: produced=... delivered=N ..."); 0 if it has none.
double generated_rate(const std::string& log_path) {
  std::ifstream in{log_path};
  std::string line, last;
  while (std::getline(in, line))
    if (line.rfind("done after ", 0) == 0
        || line.rfind("stopped after ", 0) == 0)
      last = line;
  static const std::regex fields{"after ([0-9.]+)s: .*delivered=([0-9]+)"};
  std::smatch m;
  if (!std::regex_search(last, m, fields))
    return 0;
  auto seconds = std::stod(m[1]);
  return seconds > 0 ? std::stod(m[2]) / seconds : 0;
}

// Creates a probe article and likes it; returns when the like was queued.
class probe_producer {
public:
  probe_producer(const std::string& brokers, const day_calendar& calendar)
    : calendar_(calendar), ids_(1000) {
    gen::generator_options o;
    o.brokers = brokers;
    o.properties["linger.ms"] = "0";
    auto producer = gen::event_producer::open(o);
    if (!producer)
      throw std::runtime_error("probe producer: "
                               + caf::to_string(producer.error()));
    producer_.emplace(std::move(*producer));
  }

  /// Sends the probe; returns its article id and score.
  std::pair<int64_t, int64_t> send(int64_t n) {
    auto now = now_instant();
    event created;
    created.id = event_id{ids_.next(now)};
    created.type = event_type::article_created;
    created.article = article_id{ids_.next(now)};
    created.board = board_id{1};
    created.created_at = calendar_.local_at(now);
    created.title = "probe " + std::to_string(n);
    put(created, gen::topic_kind::article, now);
    event liked = created;
    liked.id = event_id{ids_.next(now)};
    liked.type = event_type::article_liked;
    liked.title.clear();
    liked.count = probe_likes + n;
    put(liked, gen::topic_kind::like, now);
    producer_->poll(0ms);
    return {created.article.value(), liked.count * 3};
  }

private:
  void put(const event& ev, gen::topic_kind topic, instant now) {
    auto value = encode_event(ev);
    auto key
      = std::to_string((topic == gen::topic_kind::article ? ev.board.value()
                                                          : ev.article.value())
                       % 4);
    auto sent = producer_->send(topic, key, value, now);
    if (!sent || *sent != gen::event_producer::send_result::queued)
      throw std::runtime_error("probe producer: cannot queue a probe");
  }

  const day_calendar& calendar_;
  gen::snowflake_generator ids_;
  std::optional<gen::event_producer> producer_;
};

/// What Redis and the daemon's writers did between two looks.
struct redis_load {
  double seconds = 0;
  double commands_per_s = 0;
  double script_calls_per_s = 0;
  /// Cores the server kept busy: its CPU seconds per second.
  double redis_cores = 0;
  double day_lists_per_s = 0;
  double board_lists_per_s = 0;
  /// Commands by name, per second, busiest first.
  std::vector<std::pair<std::string, double>> by_command;
};

const std::string day_lists_metric = "hot_articles_flushes_total";
const std::string board_lists_metric = "hot_articles_board_flushes_total";

/// `own_reads`: the probes' ZSCOREs, which are the bench's, not the
/// daemon's; the first INFO is counted too (the second is counted after it
/// answers).
redis_load
load_between(const redis_account& before, const std::string& metrics_before,
             const redis_account& after, const std::string& metrics_after,
             double seconds, int64_t own_reads) {
  redis_load out;
  out.seconds = seconds;
  auto rate = [seconds](double delta) { return delta / seconds; };
  out.commands_per_s = rate(
    static_cast<double>(after.commands - before.commands - own_reads - 1));
  out.redis_cores = rate(after.cpu_seconds - before.cpu_seconds);
  std::map<std::string, int64_t> delta;
  for (const auto& [command, calls] : after.calls) {
    auto it = before.calls.find(command);
    delta[command] = calls - (it == before.calls.end() ? 0 : it->second);
  }
  delta["zscore"] -= own_reads;
  delta["info"] -= 1;
  out.script_calls_per_s
    = rate(static_cast<double>(delta["eval"] + delta["evalsha"]));
  for (const auto& [command, calls] : delta)
    if (calls > 0)
      out.by_command.emplace_back(command, rate(static_cast<double>(calls)));
  std::sort(out.by_command.begin(), out.by_command.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  auto metric_rate = [&](const std::string& name) {
    return rate(metric_sum(metrics_after, name)
                - metric_sum(metrics_before, name));
  };
  out.day_lists_per_s = metric_rate(day_lists_metric);
  out.board_lists_per_s = metric_rate(board_lists_metric);
  return out;
}

std::string busiest_commands(const redis_load& load) {
  std::string out;
  for (size_t i = 0; i < std::min<size_t>(load.by_command.size(), 8); ++i)
    out += (i > 0 ? ", " : "") + load.by_command[i].first + " "
           + human(load.by_command[i].second);
  return out;
}

} // namespace

scenario_report e2e_scenario(bench_context& ctx) {
  test::e2e_fixture f;
  std::vector<std::string> args{"--log.level=warn",
                                "--kafka.property.fetch.wait.max.ms=10"};
  args.insert(args.end(), ctx.options.daemon_args.begin(),
              ctx.options.daemon_args.end());
  auto daemon = f.start_daemon("bench-e2e", args);
  auto seconds = std::max(1.0, ctx.options.seconds_for("e2e"));
  progress("e2e: generator at " + human(ctx.options.rate) + " events/s for "
           + std::to_string(seconds) + " s");
  auto conn = f.redis.connect();
  auto key = "hot-article::list::" + test::today(f.calendar).to_string();
  probe_producer probes{f.kafka_bootstraps, f.calendar};
  int64_t probe_reads = 0;
  // How long probe `n` took to show in Redis; none past 5 s.
  auto probe = [&](int64_t n) -> std::optional<double> {
    auto [id, score] = probes.send(n);
    auto sent = steady::now();
    auto member = std::to_string(id);
    while (steady::now() - sent < 5s) {
      auto reply = conn.call({"ZSCORE", key, member});
      ++probe_reads;
      if (reply && (*reply)->type == REDIS_REPLY_STRING
          && std::stoll((*reply)->str) == score)
        return std::chrono::duration<double, std::milli>(steady::now() - sent)
          .count();
      std::this_thread::sleep_for(200us);
    }
    return std::nullopt;
  };
  // The probe producer's first message waits for its connection and
  // metadata (about 1 s on the mock): that is the probe's start-up, not the
  // daemon's freshness, so one probe goes before the window.
  auto warm_up_ms = probe(0);
  if (!warm_up_ms)
    throw std::runtime_error("e2e: the warm-up probe never showed in Redis");
  auto redis_before = read_account(conn);
  auto metrics_before = daemon.get("/metrics").body;
  probe_reads = 0;
  auto window_start = steady::now();
  test::child_process generator{
    {test::bin("hot-articles-gen"), "--brokers", f.kafka_bootstraps, "--rate",
     std::to_string(ctx.options.rate), "--duration",
     std::to_string(static_cast<int64_t>(seconds * 1000)) + "ms", "--seed",
     std::to_string(ctx.options.seed), "--boards",
     std::to_string(ctx.options.boards)},
    f.dir + "/generator.log"};
  std::vector<double> latencies;
  std::vector<int64_t> lags;
  uint64_t missed = 0;
  // When the slow probes were sent, to tell a start-up cost from a period.
  auto slow = nlohmann::json::array();
  auto started = steady::now();
  auto next_lag = started;
  for (int64_t n = 1; generator.running(); ++n) {
    auto sent = steady::now();
    if (auto ms = probe(n)) {
      latencies.push_back(*ms);
      if (*ms > slow_probe_ms)
        slow.push_back(
          {{"at_s", std::chrono::duration<double>(sent - started).count()},
           {"ms", *ms}});
    } else {
      ++missed;
    }
    if (steady::now() >= next_lag) {
      lags.push_back(total_lag(daemon.get("/metrics").body));
      next_lag += 1s;
    }
    std::this_thread::sleep_for(50ms);
  }
  auto redis_after = read_account(conn);
  auto metrics_after = daemon.get("/metrics").body;
  auto load = load_between(
    redis_before, metrics_before, redis_after, metrics_after,
    std::chrono::duration<double>(steady::now() - window_start).count(),
    probe_reads);
  auto exit = generator.wait(30s);
  // What the generator delivered, from its last line: a rate asked for
  // is not a rate reached when the cores are shared.
  auto delivered_per_s = generated_rate(f.dir + "/generator.log");
  auto lat = spread_of(latencies);
  std::sort(latencies.begin(), latencies.end());
  auto p99 = latencies.empty()
               ? 0
               : latencies[std::min(latencies.size() - 1,
                                    latencies.size() * 99 / 100)];
  // Kept up: the lag of the last samples is no larger than of the first.
  auto half = lags.size() / 2;
  int64_t early = 0, late = 0;
  for (size_t i = 0; i < lags.size(); ++i)
    (i < half ? early : late) = std::max(i < half ? early : late, lags[i]);
  bool kept_up = missed == 0
                 && late <= std::max<int64_t>(
                      early, static_cast<int64_t>(ctx.options.rate / 10));
  scenario_report r;
  r.scenario = "e2e";
  r.command = command_for("e2e", ctx.options);
  r.lines = {
    "generator: " + human(ctx.options.rate) + " events/s for "
      + std::to_string(seconds) + " s (exit "
      + (exit ? std::to_string(*exit) : std::string{"?"}) + "), delivered "
      + human(delivered_per_s) + " events/s",
    "produce -> visible in Redis, " + std::to_string(latencies.size())
      + " probes: p50 " + std::to_string(lat.median) + " ms, p99 "
      + std::to_string(p99) + " ms, max " + std::to_string(lat.max)
      + " ms; not seen within 5 s: " + std::to_string(missed)
      + " (a warm-up probe before the window took "
      + std::to_string(*warm_up_ms) + " ms: the probe producer's start-up)",
    "consumer lag (messages): max " + std::to_string(early)
      + " in the first half, " + std::to_string(late) + " in the second; "
      + (kept_up ? "kept up" : "FELL BEHIND"),
    "Redis over the generator's " + fixed(load.seconds, 1) + " s, "
      + std::to_string(ctx.options.boards)
      + " boards: " + human(load.commands_per_s)
      + " commands/s (those scripts run included, the probes' reads not), "
      + human(load.script_calls_per_s) + " script calls/s, "
      + fixed(load.redis_cores, 2) + " cores busy",
    "Redis commands per second: " + busiest_commands(load),
    "daemon writes (its /metrics): " + human(load.day_lists_per_s)
      + " day lists/s, " + human(load.board_lists_per_s) + " board lists/s",
  };
  r.figures = {{"p50_ms", lat.median},
               {"p99_ms", p99},
               {"max_ms", lat.max},
               {"probes", latencies.size()},
               {"missed", missed},
               {"kept_up", kept_up},
               {"rate", ctx.options.rate},
               {"delivered_per_s", delivered_per_s},
               {"boards", ctx.options.boards},
               {"redis_window_s", load.seconds},
               {"redis_commands_per_s", load.commands_per_s},
               {"redis_script_calls_per_s", load.script_calls_per_s},
               {"redis_cores", load.redis_cores},
               {"day_lists_per_s", load.day_lists_per_s},
               {"board_lists_per_s", load.board_lists_per_s}};
  auto by_command = nlohmann::json::object();
  for (const auto& [command, per_s] : load.by_command)
    by_command[command] = per_s;
  r.figures["redis_calls_per_s"] = by_command;
  r.figures["slow_probes"] = slow;
  r.figures["warm_up_probe_ms"] = *warm_up_ms;
  return r;
}

} // namespace hot::bench
