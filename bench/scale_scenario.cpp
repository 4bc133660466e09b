// scale: the same traffic through consumer groups of 1, 2 and 3 daemons on
// the mock cluster; CPU per event, and how the partitions are shared.
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "actors/kafka/kafka_settings.hpp"
#include "actors/redis/list_store.hpp"
#include "bench/kafka_backlog.hpp"
#include "bench/process_cpu.hpp"
#include "bench/scenarios.hpp"
#include "bench/stats_text.hpp"
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/mock_kafka.hpp"
#include "tests/support/wait.hpp"

namespace hot::bench {

namespace {

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

bool is_source(const std::string& labels) {
  for (const auto& topic : test::default_topics())
    if (labels.find("topic=\"" + topic + "\"") != std::string::npos)
      return true;
  return false;
}

double sum_of(const std::string& text, const std::string& name,
              bool sources_only = false) {
  double sum = 0;
  for (const auto& s : metric_samples(text, name))
    if (!sources_only || is_source(s.labels))
      sum += s.value;
  return sum;
}

double seconds_since(steady::time_point start) {
  return std::chrono::duration<double>(steady::now() - start).count();
}

// The group's instances, as the scenario drives them.
class group_run {
public:
  group_run(test::e2e_fixture& f, std::string group, size_t size,
            const bench_options& o)
    : group_(std::move(group)) {
    f.create_internal_topic(group_);
    for (size_t i = 0; i < size; ++i) {
      test::daemon_run run;
      run.http_port = test::free_port();
      run.admin_port = test::free_port();
      std::vector<std::string> argv{
        test::bin("hot-articles"),
        "--kafka.brokers=" + f.kafka_bootstraps,
        "--kafka.group-id=" + group_,
        "--redis.port=" + std::to_string(f.redis.port()),
        "--http.host=127.0.0.1",
        "--http.port=" + std::to_string(run.http_port),
        "--admin.port=" + std::to_string(run.admin_port),
        "--log.level=warn",
      };
      for (const auto& [name, value] : test::mock_group_timing())
        argv.push_back("--kafka.property." + name + "=" + value);
      argv.insert(argv.end(), o.daemon_args.begin(), o.daemon_args.end());
      run.process = std::make_unique<test::child_process>(
        argv, f.dir + "/daemon-" + std::to_string(i + 1) + ".log");
      daemons_.push_back(std::move(run));
    }
  }

  size_t size() const {
    return daemons_.size();
  }

  std::vector<std::string> metrics() const {
    std::vector<std::string> out;
    for (const auto& d : daemons_)
      out.push_back(d.get("/metrics").body);
    return out;
  }

  /// Internal partitions each instance owns.
  std::vector<int64_t> owned(const std::vector<std::string>& texts) const {
    std::vector<int64_t> out;
    for (const auto& text : texts)
      out.push_back(
        static_cast<int64_t>(sum_of(text, "hot_articles_owned_partitions")));
    return out;
  }

  /// Settled: every internal partition has its task, every instance owns
  /// some, and every source partition is assigned.
  bool settled() const {
    auto texts = metrics();
    auto tasks = owned(texts);
    int64_t sum = 0;
    for (auto n : tasks) {
      if (n <= 0)
        return false;
      sum += n;
    }
    size_t sources = 0;
    for (const auto& text : texts)
      for (const auto& s : metric_samples(text, "hot_articles_consumer_lag"))
        if (is_source(s.labels))
          ++sources;
    return sum == kafka_settings{}.by_article_partitions
           && sources
                == test::default_topics().size()
                     * static_cast<size_t>(mock_cluster::partitions_per_topic);
  }

  /// Each instance's owned partitions with their epochs: it changes with
  /// every assignment the instance takes.
  std::vector<std::string> assignment() const {
    std::vector<std::string> out;
    for (const auto& text : metrics()) {
      std::string epochs;
      for (const auto& s :
           metric_samples(text, "hot_articles_owned_partition_epoch"))
        epochs += s.labels + "=" + std::to_string(s.value) + " ";
      out.push_back(epochs);
    }
    return out;
  }

  std::vector<double> cpu() const {
    std::vector<double> out;
    for (const auto& d : daemons_)
      out.push_back(cpu_seconds(d.process->pid()));
    return out;
  }

  void signal(int sig) {
    for (auto& d : daemons_)
      d.process->signal(sig);
  }

  /// Stops every instance at once, as a deploy would; their exit codes.
  std::vector<int> stop() {
    signal(SIGTERM);
    std::vector<int> out;
    for (auto& d : daemons_)
      out.push_back(d.process->wait(60s).value_or(-1));
    return out;
  }

  std::string logs() const {
    std::string out;
    for (const auto& d : daemons_)
      out += d.process->output();
    return out;
  }

private:
  std::string group_;
  std::vector<test::daemon_run> daemons_;
};

// Whether Redis holds every expected day's list (ids and scores): cheap
// enough to ask every millisecond. Titles and stray days are checked once
// it holds.
class list_probe {
public:
  list_probe(const test::redis_server& redis,
             const std::map<day_key, test::oracle_day>& expected)
    : conn_(redis.connect()) {
    for (const auto& [day, lists] : expected) {
      std::vector<std::pair<std::string, int64_t>> entries;
      for (const auto& e : lists.list)
        entries.emplace_back(std::to_string(e.id), e.score);
      std::sort(entries.begin(), entries.end());
      want_.emplace_back(list_key(day), std::move(entries));
    }
  }

  bool matches() {
    for (const auto& [key, entries] : want_) {
      auto reply = conn_.call({"ZRANGE", key, "0", "-1", "WITHSCORES"});
      if (!reply || (*reply)->type != REDIS_REPLY_ARRAY
          || (*reply)->elements != 2 * entries.size())
        return false;
      std::vector<std::pair<std::string, int64_t>> have;
      for (size_t i = 0; i + 1 < (*reply)->elements; i += 2)
        have.emplace_back(
          std::string{(*reply)->element[i]->str, (*reply)->element[i]->len},
          static_cast<int64_t>(std::stod((*reply)->element[i + 1]->str)));
      std::sort(have.begin(), have.end());
      if (have != entries)
        return false;
    }
    return true;
  }

private:
  redis_connection conn_;
  std::vector<
    std::pair<std::string, std::vector<std::pair<std::string, int64_t>>>>
    want_;
};

struct run_figures {
  /// From waking the group to the oracle's lists in Redis.
  double seconds = 0;
  /// Per instance: CPU seconds in that window.
  std::vector<double> cpu;
  /// Per instance: share of a core used while idle and settled.
  std::vector<double> idle;
  /// Per instance: internal partitions owned, events re-keyed.
  std::vector<int64_t> owned;
  std::vector<double> rekeyed;
  /// CPU above the idle rate in the second after the lists matched: work
  /// the window missed.
  double after_match_cpu = 0;
  double settle_seconds = 0;
  /// How long the group was stopped while the events were produced.
  double stopped_seconds = 0;
  std::string mismatch;

  double total_cpu() const {
    double sum = 0;
    for (auto c : cpu)
      sum += c;
    return sum;
  }
};

run_figures measure(const bench_options& o, size_t size, uint32_t run) {
  test::e2e_fixture f;
  auto label = std::to_string(size) + " instance(s), run " + std::to_string(run)
               + ": ";
  // A group of its own on a Kafka of its own: nothing committed, nothing
  // left over from the size before.
  auto name = "bench-scale-" + std::to_string(size);
  group_run group{f, name, size, o};
  auto started = steady::now();
  if (!test::wait_until(
        90s, [&] { return group.settled(); }, 100ms))
    throw std::runtime_error("scale: the group of " + std::to_string(size)
                             + " did not settle:\n" + group.logs());
  run_figures out;
  out.settle_seconds = seconds_since(started);
  // Idle cost first: heartbeats, watermarks, fetches that find nothing
  // (the mock answers an empty fetch after fetch.wait.max.ms).
  auto idle_cpu = group.cpu();
  auto idle_from = steady::now();
  std::this_thread::sleep_for(1s);
  auto idle_seconds = seconds_since(idle_from);
  auto now_cpu = group.cpu();
  for (size_t i = 0; i < size; ++i)
    out.idle.push_back((now_cpu[i] - idle_cpu[i]) / idle_seconds);
  auto before = group.assignment();
  // The events wait in Kafka while the group is stopped, so the clock
  // times the daemons alone, not the generator sharing their two cores.
  // A stop this short is far inside the 6 s session.
  group.signal(SIGSTOP);
  auto stopped = steady::now();
  f.generate(o.scale_events, o.seed);
  std::vector<topic_partitions> sources;
  for (const auto& topic : test::default_topics())
    sources.push_back({topic, mock_cluster::partitions_per_topic});
  auto lost = trimmed_partitions(f.kafka_bootstraps, sources);
  if (!lost.empty())
    throw std::runtime_error(
      "scale: the mock dropped the oldest events of " + lost.front()
      + " (it keeps 5 MiB per partition); lower --scale-events");
  auto expected = f.expected_lists();
  list_probe probe{f.redis, expected};
  auto cpu_before = group.cpu();
  auto woken = steady::now();
  group.signal(SIGCONT);
  out.stopped_seconds = std::chrono::duration<double>(woken - stopped).count();
  // The clock stops at the first probe that finds the lists; the full
  // comparison after it is not part of the window.
  auto matched_at = woken;
  std::vector<double> cpu_after;
  bool matched = test::wait_until(
    120s,
    [&] {
      if (!probe.matches())
        return false;
      matched_at = steady::now();
      cpu_after = group.cpu();
      return f.lists_mismatch(expected).empty();
    },
    1ms);
  if (!matched) {
    matched_at = steady::now();
    cpu_after = group.cpu();
  }
  out.seconds = std::chrono::duration<double>(matched_at - woken).count();
  for (size_t i = 0; i < size; ++i)
    out.cpu.push_back(cpu_after[i] - cpu_before[i]);
  if (!matched) {
    out.mismatch = f.lists_mismatch(expected);
    progress("scale: " + label + "LISTS DIFFER: " + out.mismatch);
  }
  // Work left when the lists matched would be missed by the window: the
  // second after it, untouched (reading /metrics costs the daemons CPU),
  // should cost what an idle second did.
  std::this_thread::sleep_for(1s);
  auto cpu_tail = group.cpu();
  auto tail_seconds = seconds_since(matched_at);
  for (size_t i = 0; i < size; ++i)
    out.after_match_cpu += cpu_tail[i] - cpu_after[i]
                           - out.idle[i] * tail_seconds;
  // The metrics are a second old at most: they confirm afterwards that
  // the window held every event.
  auto events = static_cast<double>(o.scale_events);
  std::vector<std::string> texts;
  auto drained = test::wait_until(
    30s,
    [&] {
      texts = group.metrics();
      double consumed = 0;
      double lag = 0;
      double in_flight = 0;
      for (const auto& text : texts) {
        consumed += sum_of(text, "hot_articles_events_consumed_total", true);
        lag += sum_of(text, "hot_articles_consumer_lag");
        in_flight += sum_of(text, "hot_articles_partition_in_flight");
      }
      return consumed == events && lag == 0 && in_flight == 0;
    },
    100ms);
  if (!drained)
    throw std::runtime_error("scale: the group did not consume all "
                             + std::to_string(o.scale_events) + " events");
  if (group.assignment() != before)
    throw std::runtime_error("scale: the group's assignment changed while "
                             "it was measured");
  auto internal = kafka_settings{};
  internal.group_id = name;
  auto lost_internal = trimmed_partitions(
    f.kafka_bootstraps,
    {{internal.internal_topic(), internal.by_article_partitions}});
  if (!lost_internal.empty())
    throw std::runtime_error("scale: the mock dropped events of "
                             + lost_internal.front()
                             + " (it keeps 5 MiB per partition)");
  out.owned = group.owned(texts);
  // Stage 1's share of the work: the events it copied, and those it left
  // out because a newer count of their pull superseded them.
  for (const auto& text : texts)
    out.rekeyed.push_back(
      sum_of(text, "hot_articles_events_rekeyed_total")
      + sum_of(text, "hot_articles_events_compacted_total"));
  auto exits = group.stop();
  for (auto code : exits)
    if (code != 0)
      progress("scale: " + label + "an instance exited with "
               + std::to_string(code));
  progress(
    "scale: " + label + "settled in " + std::to_string(out.settle_seconds)
    + " s, stopped for " + std::to_string(out.stopped_seconds) + " s, "
    + human(events / out.seconds) + " events/s, "
    + std::to_string(out.total_cpu() * 1e6 / events) + " us CPU per event"
    + (out.mismatch.empty() ? ", lists = oracle" : ", LISTS DIFFER"));
  return out;
}

std::string joined(const std::vector<std::string>& parts,
                   const std::string& separator) {
  std::string out;
  for (const auto& part : parts)
    out += (out.empty() ? "" : separator) + part;
  return out;
}

} // namespace

scenario_report scale_scenario(bench_context& ctx) {
  const auto& o = ctx.options;
  auto events = static_cast<double>(o.scale_events);
  scenario_report r;
  r.scenario = "scale";
  r.command = command_for("scale", o);
  r.lines.push_back(
    std::to_string(o.scale_events) + " events of hot-articles-gen (seed "
    + std::to_string(o.seed)
    + ") wait in a fresh mock cluster while the group is stopped (SIGSTOP); "
      "the clock runs from waking it to the oracle's lists in Redis; CPU is "
      "the daemons' own, "
    + std::to_string(o.runs) + " run(s) per size, medians (min-max)");
  auto sizes = nlohmann::json::array();
  std::vector<double> cpu_medians;
  bool oracle_ok = true;
  for (size_t size = 1; size <= o.max_instances; ++size) {
    std::vector<run_figures> runs;
    for (uint32_t run = 1; run <= o.runs; ++run)
      runs.push_back(measure(o, size, run));
    std::vector<double> rates, cpus;
    std::string mismatch;
    for (const auto& run : runs) {
      rates.push_back(events / run.seconds);
      cpus.push_back(run.total_cpu() * 1e6 / events);
      if (mismatch.empty())
        mismatch = run.mismatch;
    }
    oracle_ok = oracle_ok && mismatch.empty();
    auto rate = spread_of(rates);
    auto cpu = spread_of(cpus);
    cpu_medians.push_back(cpu.median);
    // Per instance, the run whose total is the median.
    std::vector<size_t> order(runs.size());
    for (size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return cpus[a] < cpus[b]; });
    const auto& mid = runs[order[(order.size() - 1) / 2]];
    std::vector<std::string> per_instance, spread_text, rekeyed_text, idle_text;
    auto per_instance_json = nlohmann::json::array();
    auto owned_json = nlohmann::json::array();
    auto rekeyed_json = nlohmann::json::array();
    auto idle_json = nlohmann::json::array();
    for (size_t i = 0; i < size; ++i) {
      auto us = mid.cpu[i] * 1e6 / events;
      per_instance.push_back(fixed(us, 2));
      per_instance_json.push_back(us);
      spread_text.push_back(std::to_string(mid.owned[i]));
      owned_json.push_back(mid.owned[i]);
      auto share = 100 * mid.rekeyed[i] / events;
      rekeyed_text.push_back(fixed(share, 0) + " %");
      rekeyed_json.push_back(mid.rekeyed[i]);
      idle_text.push_back(fixed(100 * mid.idle[i], 1) + " %");
      idle_json.push_back(mid.idle[i]);
    }
    auto after_match = runs.front().after_match_cpu;
    double settle = 0;
    for (const auto& run : runs) {
      after_match = std::max(after_match, run.after_match_cpu);
      settle = std::max(settle, run.settle_seconds);
    }
    r.lines.push_back(std::to_string(size) + " instance"
                      + (size == 1 ? " " : "s") + ": " + human(rate.median)
                      + " events/s (" + human(rate.min) + "-" + human(rate.max)
                      + "), CPU " + fixed(cpu.median, 2) + " us/event ("
                      + fixed(cpu.min, 2) + "-" + fixed(cpu.max, 2) + ") = "
                      + joined(per_instance, " + ") + " per instance; internal "
                      + "partitions " + joined(spread_text, "/")
                      + ", events re-keyed " + joined(rekeyed_text, "/")
                      + "; idle " + joined(idle_text, "/") + " of a core; "
                      + (mismatch.empty() ? std::string{"lists = oracle"}
                                          : "MISMATCH: " + mismatch));
    r.lines.push_back(
      "  checks: every event consumed; CPU above idle after the lists "
      "matched at most "
      + fixed(after_match * 1e6 / events, 3)
      + " us/event; the group settled in at most " + fixed(settle, 1) + " s");
    sizes.push_back(
      {{"instances", size},
       {"events_per_s", rate.median},
       {"events_per_s_min", rate.min},
       {"events_per_s_max", rate.max},
       {"cpu_us_per_event", cpu.median},
       {"cpu_us_per_event_min", cpu.min},
       {"cpu_us_per_event_max", cpu.max},
       {"cpu_us_per_event_per_instance", per_instance_json},
       {"owned_partitions", owned_json},
       {"partition_spread", joined(spread_text, "/")},
       {"events_rekeyed", rekeyed_json},
       {"idle_core_share", idle_json},
       {"after_match_cpu_us_per_event", after_match * 1e6 / events},
       {"oracle_ok", mismatch.empty()}});
  }
  auto [low, high] = std::minmax_element(cpu_medians.begin(),
                                         cpu_medians.end());
  auto ratio = *low > 0 ? *high / *low : 0;
  r.lines.push_back("CPU per event, largest / smallest median over sizes: "
                    + fixed(ratio, 3) + " (scales if at most 1.20)");
  r.figures = {{"events", o.scale_events},
               {"runs", o.runs},
               {"sizes", sizes},
               {"cpu_ratio", ratio},
               {"oracle_ok", oracle_ok}};
  return r;
}

} // namespace hot::bench
