// takeover: how long the lists stand still when an instance is SIGKILLed,
// with the daemon's default group settings on the mock cluster.
#include <signal.h>

#include <cstdio>
#include <stdexcept>
#include <thread>

#include "bench/scenarios.hpp"
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/wait.hpp"

namespace hot::bench {

namespace {

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

// The e2e fixture's faster test timings put back to the daemon's defaults;
// only fetch.wait.max.ms stays short, as the mock answers an empty fetch
// only after it (the embedded mode sets it too).
const std::vector<std::string> default_timing{
  "--log.level=warn",
  "--kafka.commit-interval=2s",
  "--kafka.watermark-interval=1s",
  "--kafka.property.session.timeout.ms=6000",
  "--kafka.property.heartbeat.interval.ms=1500",
};

double seconds_since(steady::time_point t) {
  return std::chrono::duration<double>(steady::now() - t).count();
}

// Today's served list, as Redis holds it for every instance.
std::string served(test::e2e_fixture& f, day_key today) {
  std::string out;
  for (const auto& [member, score] :
       f.redis.zset("hot-article::list::" + today.to_string()))
    out += member + "=" + std::to_string(score) + ";";
  return out;
}

// Seconds from `since` until the served list differs from `before`. A list
// that never moves is a failure, not a figure: `what` says which wait.
double until_moving(test::e2e_fixture& f, day_key today,
                    const std::string& before, steady::time_point since,
                    std::chrono::seconds deadline, const std::string& what) {
  if (!test::wait_until(
        deadline, [&] { return served(f, today) != before; }, 50ms))
    throw std::runtime_error("today's list did not move " + what + " within "
                             + std::to_string(deadline.count()) + " s");
  return seconds_since(since);
}

void kill(test::daemon_run& daemon) {
  daemon.process->signal(SIGKILL);
  if (daemon.process->wait(10s) != 128 + SIGKILL)
    throw std::runtime_error("the daemon did not die of SIGKILL");
}

struct takeover_times {
  double restart_to_ready = 0;  // a killed single instance restarted
  double restart_to_moving = 0; // ... and its lists move again
  double kill_to_owned = 0;     // the survivor of two owns everything
};

takeover_times one_run(uint64_t seed) {
  takeover_times out;
  test::e2e_fixture f;
  auto today = test::today(f.calendar);
  // Steady traffic for the whole run: the top of today's list keeps moving.
  auto generator = f.start_generator(40'000, seed, 300);
  {
    auto a = f.start_daemon("takeover-restart", default_timing);
    if (!test::wait_until(60s, [&] { return !served(f, today).empty(); }))
      throw std::runtime_error("no list before the kill");
    until_moving(f, today, served(f, today), steady::now(), 30s,
                 "before the kill");
    kill(a);
    auto before = served(f, today);
    auto restarted_at = steady::now();
    // On the same ports, as a supervisor restarts it.
    auto again = f.restart_daemon(a, "takeover-restart", default_timing, false);
    if (!test::wait_until(
          60s, [&] { return again.get("/health").status == 200; }, 50ms))
      throw std::runtime_error("the restarted instance was not ready within "
                               "60 s:\n"
                               + again.process->output());
    out.restart_to_ready = seconds_since(restarted_at);
    out.restart_to_moving = until_moving(f, today, before, restarted_at, 60s,
                                         "after the restart");
    again.process->signal(SIGTERM);
    again.process->wait(60s);
  }
  {
    auto a = f.start_daemon("takeover-survivor", default_timing);
    auto b = f.start_daemon("takeover-survivor", default_timing);
    if (!test::wait_until(60s, [&] {
          return test::metric_sum(a, "hot_articles_owned_partitions") > 0
                 && test::metric_sum(b, "hot_articles_owned_partitions") > 0;
        }))
      throw std::runtime_error("the two instances did not share the work");
    kill(a);
    auto killed_at = steady::now();
    if (!test::wait_until(
          60s,
          [&] {
            return test::metric_sum(b, "hot_articles_owned_partitions") == 12;
          },
          50ms))
      throw std::runtime_error(
        "the survivor did not own every internal partition within 60 s");
    out.kill_to_owned = seconds_since(killed_at);
    b.process->signal(SIGTERM);
    b.process->wait(60s);
  }
  generator->signal(SIGTERM);
  generator->wait(30s);
  return out;
}

} // namespace

scenario_report takeover_scenario(bench_context& ctx) {
  std::vector<double> ready, restart, owned;
  for (uint32_t run = 0; run < ctx.options.runs; ++run) {
    progress("takeover: run " + std::to_string(run + 1) + " of "
             + std::to_string(ctx.options.runs));
    auto t = one_run(ctx.options.seed + run);
    ready.push_back(t.restart_to_ready);
    restart.push_back(t.restart_to_moving);
    owned.push_back(t.kill_to_owned);
  }
  auto r_ready = spread_of(ready);
  auto r_restart = spread_of(restart);
  auto r_owned = spread_of(owned);
  auto text = [](const spread& s) {
    char out[64];
    std::snprintf(out, sizeof out, "%.1f s (%.1f-%.1f)", s.median, s.min,
                  s.max);
    return std::string{out};
  };
  scenario_report r;
  r.scenario = "takeover";
  r.command = command_for("takeover", ctx.options);
  r.lines = {
    "SIGKILLed instance restarted on its ports: ready " + text(r_ready)
      + ", lists move again " + text(r_restart) + " after the restart",
    "SIGKILLed instance not restarted: the survivor owns every internal "
    "partition "
      + text(r_owned) + " after the kill",
    "default group settings (session.timeout.ms 6000); the mock cluster has "
    "no static membership, so a restart waits for the session too",
  };
  r.figures = {{"restart_to_ready_s", r_ready.median},
               {"restart_to_ready_max_s", r_ready.max},
               {"restart_to_moving_s", r_restart.median},
               {"restart_to_moving_max_s", r_restart.max},
               {"kill_to_owned_s", r_owned.median},
               {"kill_to_owned_max_s", r_owned.max},
               {"runs", ctx.options.runs}};
  return r;
}

} // namespace hot::bench
