// throughput: the path users run. One daemon process against the mock
// cluster in a process of its own, fed by hot-articles-gen as fast as the
// daemon takes it: source topics, stage 1 (re-key to the internal topic),
// stage 2 (rank, write Redis). Checked against the oracle at the end.
#include <signal.h>

#include <sstream>
#include <stdexcept>
#include <thread>

#include "actors/kafka/kafka_settings.hpp"
#include "bench/process_cpu.hpp"
#include "bench/scenarios.hpp"
#include "bench/throughput_probe.hpp"
#include "tests/support/mock_kafka.hpp"
#include "tests/support/wait.hpp"

namespace hot::bench {

namespace {

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

const std::string group = "bench-throughput";

// Messages the daemon may be behind on one partition, source or internal,
// before the generator waits. The mock keeps 5 MiB per partition, read or
// not: fed live, in small batches, the busiest partition (board-like/2)
// held only about 20 000 messages. A run this long trims it many times
// over, and only the oracle shows that nothing unread was dropped. The
// committed offset trails what the daemon has read by the copies in
// flight and up to 50 ms of commits, so the figure overstates the backlog:
// at 6 000 a 15 s run kept the generator stopped 63 % of the time and the
// daemon used a quarter of a core. Runs at 12 000 saw partitions up to
// 27 000 behind by this count, the bench being slow to look on a busy
// machine while the generator runs on.
constexpr int64_t pause_above = 12'000;
constexpr int64_t resume_below = 8'000;

std::vector<topic_partitions> watched_topics() {
  std::vector<topic_partitions> out;
  for (const auto& topic : test::default_topics())
    out.push_back({topic, mock_cluster::partitions_per_topic});
  kafka_settings internal;
  internal.group_id = group;
  out.push_back({internal.internal_topic(), internal.by_article_partitions});
  return out;
}

// Daemon threads by name: CAF's workers carry the process name, detached
// actors "caf.actor", librdkafka's threads "rdk:...".
std::map<std::string, double>
thread_groups(const std::map<std::string, double>& before,
              const std::map<std::string, double>& after) {
  std::map<std::string, double> out;
  for (const auto& [name, seconds] : after) {
    auto it = before.find(name);
    auto spent = seconds - (it == before.end() ? 0.0 : it->second);
    auto group_name = name.rfind("rdk:", 0) == 0 ? "librdkafka" : name;
    out[group_name] += spent;
  }
  return out;
}

} // namespace

scenario_report throughput_scenario(bench_context& ctx) {
  const auto& o = ctx.options;
  test::e2e_fixture f;
  // Commits every 50 ms (the fixture's 200 ms, the default 2 s) tell the
  // throttle how far behind the daemon is within a few thousand events.
  std::vector<std::string> args{"--log.level=warn",
                                "--kafka.property.fetch.wait.max.ms=10",
                                "--kafka.commit-interval=50ms"};
  args.insert(args.end(), o.daemon_args.begin(), o.daemon_args.end());
  auto daemon = f.start_daemon(group, args);
  auto kafka = child_named("hot-articles-test-kafka");
  if (!kafka)
    throw std::runtime_error("throughput: cannot find the Kafka process");
  kafka_backlog backlog{f.kafka_bootstraps, group, watched_topics()};
  auto generator = f.start_generator(0, o.seed, 0);
  generator_throttle throttle{*generator, backlog, pause_above, resume_below};
  auto keep_feeding = [&](steady::duration how_long, stage_busy* busy) {
    auto until = steady::now() + how_long;
    auto next_busy = steady::now();
    while (steady::now() < until) {
      if (!generator->running())
        throw std::runtime_error("throughput: the generator ended:\n"
                                 + generator->output());
      throttle.step();
      if (busy != nullptr && steady::now() >= next_busy) {
        busy->sample(daemon);
        next_busy += 250ms;
      }
      std::this_thread::sleep_for(5ms);
    }
  };
  // Warm up until the daemon has a backlog to work on, then a little more.
  progress("throughput: warming up");
  auto warm_until = steady::now() + 60s;
  while (!throttle.ever_paused() && steady::now() < warm_until)
    keep_feeding(200ms, nullptr);
  keep_feeding(2s, nullptr);
  auto seconds = std::max(1.0, o.seconds_for("throughput"));
  progress("throughput: measuring for " + fixed(seconds, 0) + " s");
  auto begin = next_mark(daemon, 0, generator->pid(), *kafka);
  auto paused_before = throttle.paused();
  stage_busy busy;
  busy.sample(daemon);
  keep_feeding(std::chrono::duration_cast<steady::duration>(
                 std::chrono::duration<double>(seconds)),
               &busy);
  auto end = next_mark(daemon, begin.taken_ms, generator->pid(), *kafka);
  busy.sample(daemon);
  auto paused = (throttle.paused() - paused_before).count();
  throttle.release();
  generator->signal(SIGTERM);
  auto generator_exit = generator->wait(120s);
  if (generator_exit.value_or(-1) != 0)
    throw std::runtime_error("throughput: the generator did not end well:\n"
                             + generator->output());
  progress("throughput: waiting for the daemon to apply everything, then "
           "checking every day's list against the oracle");
  // Stage 1 is done when every source offset is committed; stage 2 when
  // the lists are the oracle's. (Internal offsets are no sign: a partition
  // commits past events only, not past the stream-time marks after them.)
  auto sources = watched_topics();
  sources.pop_back();
  kafka_backlog source_backlog{f.kafka_bootstraps, group, sources};
  auto drained = test::wait_until(
    30s, [&] { return source_backlog.uncommitted() == 0; }, 100ms);
  if (!drained) {
    std::string behind;
    for (const auto& partition : source_backlog.behind())
      behind += "\n  " + partition;
    throw std::runtime_error("throughput: the daemon did not commit every "
                             "source message within 30 s; committed/end:"
                             + behind);
  }
  int64_t produced = 0;
  for (const auto& [topic, count] : source_backlog.written())
    produced += count;
  auto expected = f.expected_lists();
  auto mismatch = f.wait_for_lists(expected, 60s);
  auto window = static_cast<double>(end.taken_ms - begin.taken_ms) / 1000.0;
  auto events = end.internal_consumed - begin.internal_consumed;
  auto per_event = [&](double cpu) {
    return events > 0 ? cpu * 1e6 / events : 0;
  };
  auto daemon_us = per_event(end.daemon_cpu - begin.daemon_cpu);
  // Stage 1 reads every source event; with kafka.compact-copies stage 2
  // applies fewer, so the source's count is the rate to compare across it.
  auto source_events = end.source_consumed - begin.source_consumed;
  auto compacted = end.source_compacted - begin.source_compacted;
  auto source_rate = window > 0 ? source_events / window : 0;
  auto source_us = source_events > 0
                     ? (end.daemon_cpu - begin.daemon_cpu) * 1e6 / source_events
                     : 0;
  auto compaction_ratio = source_events > 0 ? compacted / source_events : 0;
  auto generator_us = per_event(end.generator_cpu - begin.generator_cpu);
  auto kafka_us = per_event(end.kafka_cpu - begin.kafka_cpu);
  auto threads = thread_groups(begin.daemon_threads, end.daemon_threads);
  auto threads_json = nlohmann::json::object();
  std::string threads_text;
  for (const auto& [name, cpu] : threads) {
    threads_json[name] = per_event(cpu);
    threads_text += (threads_text.empty() ? "" : ", ") + name + " "
                    + fixed(per_event(cpu), 2);
  }
  double busy_total = 0;
  for (const auto& [stage, s] : busy.seconds())
    busy_total += s;
  // Stage 1 against stage 2 among the actors on CAF's worker threads.
  auto busy_of = [&](const std::string& stage) {
    auto it = busy.seconds().find(stage);
    return it == busy.seconds().end() ? 0.0 : it->second;
  };
  auto pooled = busy_of("stage1") + busy_of("stage2");
  auto stage1_share = pooled > 0 ? busy_of("stage1") / pooled : 0;
  auto busy_kinds = nlohmann::json::object();
  for (const auto& [kind, s] : busy.by_kind())
    busy_kinds[kind] = busy_total > 0 ? s / busy_total : 0;
  auto rate = window > 0 ? events / window : 0;
  // Cores each process used in the window: on a shared machine, how much
  // of it the path got.
  auto cores = [&](double cpu) { return window > 0 ? cpu / window : 0; };
  auto daemon_cores = cores(end.daemon_cpu - begin.daemon_cpu);
  auto generator_cores = cores(end.generator_cpu - begin.generator_cpu);
  auto kafka_cores = cores(end.kafka_cpu - begin.kafka_cpu);
  bool oracle_ok = mismatch.empty();
  scenario_report r;
  r.scenario = "throughput";
  r.command = command_for("throughput", o);
  r.lines = {
    "hot-articles-gen (seed " + std::to_string(o.seed)
      + ", as fast as it goes, stopped while the daemon is more than "
      + human(static_cast<double>(pause_above))
      + " messages behind on a partition) -> mock cluster -> one daemon; "
      + fixed(window, 1) + " s measured after the warm-up",
    "events applied by stage 2: " + human(rate) + " events/s ("
      + fixed(events, 0) + " in " + fixed(window, 1) + " s); generator paused "
      + fixed(100 * paused / window, 0) + " % of the window",
    "source events read by stage 1: " + human(source_rate)
      + " events/s, daemon CPU " + fixed(source_us, 2) + " us per event; "
      + fixed(100 * compaction_ratio, 1)
      + " % compacted away (not copied to stage 2)",
    "CPU us per event: daemon " + fixed(daemon_us, 2) + " (" + threads_text
      + "), generator " + fixed(generator_us, 2) + ", mock cluster "
      + fixed(kafka_us, 2),
    "cores used in the window: daemon " + fixed(daemon_cores, 2)
      + ", generator " + fixed(generator_cores, 2) + ", mock cluster "
      + fixed(kafka_cores, 2) + " (the machine has "
      + std::to_string(std::thread::hardware_concurrency()) + ")",
    "stage split: none of CPU (both stages share CAF's worker threads and "
    "the Kafka consumer); handler time of the actors on the worker "
    "threads: stage 1 "
      + fixed(100 * stage1_share, 0) + " %, stage 2 "
      + fixed(100 * (pooled > 0 ? 1 - stage1_share : 0), 0)
      + " % (Redis writers apart: threads of their own, mostly waiting)",
    std::to_string(produced) + " events produced in all; "
      + (oracle_ok ? std::string{"every day's list = oracle"}
                   : "LISTS DIFFER: " + mismatch),
  };
  r.figures = {
    {"events_per_s", rate},
    {"window_s", window},
    {"events", events},
    {"events_produced", produced},
    {"cpu_us_per_event", daemon_us},
    {"source_events_per_s", source_rate},
    {"source_events", source_events},
    {"source_cpu_us_per_event", source_us},
    {"compacted", compacted},
    {"compaction_ratio", compaction_ratio},
    {"daemon_threads_cpu_us_per_event", threads_json},
    {"worker_handler_time_share",
     {{"stage1", stage1_share}, {"stage2", pooled > 0 ? 1 - stage1_share : 0}}},
    {"handler_time_share_by_kind", busy_kinds},
    {"generator_cpu_us_per_event", generator_us},
    {"kafka_cpu_us_per_event", kafka_us},
    {"daemon_cores", daemon_cores},
    {"generator_cores", generator_cores},
    {"kafka_cores", kafka_cores},
    {"generator_paused_share", window > 0 ? paused / window : 0},
    {"largest_partition_backlog", throttle.largest_backlog()},
    {"oracle_ok", oracle_ok}};
  return r;
}

} // namespace hot::bench
