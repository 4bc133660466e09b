// query: the by-date route under wrk, 32 connections on loopback.
#include <regex>
#include <stdexcept>

#include "bench/scenarios.hpp"
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/wait.hpp"

namespace hot::bench {

namespace {

using namespace std::chrono_literals;

// wrk prints latencies as "812.00us", "1.23ms" or "1.05s".
double to_ms(const std::string& number, const std::string& unit) {
  auto value = std::stod(number);
  if (unit == "us")
    return value / 1000;
  if (unit == "s")
    return value * 1000;
  if (unit == "m")
    return value * 60'000;
  return value;
}

double percentile(const std::string& output, const std::string& which) {
  std::smatch m;
  std::regex line{"\\s" + which + "%\\s+([0-9.]+)(us|ms|s|m)"};
  if (!std::regex_search(output, m, line))
    throw std::runtime_error("no " + which + "% latency in wrk's output:\n"
                             + output);
  return to_ms(m[1], m[2]);
}

double requests_per_s(const std::string& output) {
  std::smatch m;
  if (!std::regex_search(output, m, std::regex{"Requests/sec:\\s+([0-9.]+)"}))
    throw std::runtime_error("no Requests/sec in wrk's output:\n" + output);
  return std::stod(m[1]);
}

uint64_t non_2xx(const std::string& output) {
  std::smatch m;
  if (!std::regex_search(output, m,
                         std::regex{"Non-2xx or 3xx responses:\\s+([0-9]+)"}))
    return 0;
  return std::stoull(m[1]);
}

} // namespace

scenario_report query_scenario(bench_context& ctx) {
  test::e2e_fixture f;
  progress("query: filling today's list");
  f.generate(20'000, ctx.options.seed);
  std::vector<std::string> args{"--log.level=warn"};
  args.insert(args.end(), ctx.options.daemon_args.begin(),
              ctx.options.daemon_args.end());
  auto daemon = f.start_daemon("bench-query", args);
  auto path = "/v1/hot-articles/articles/date/"
              + test::today(f.calendar).to_string();
  if (!test::wait_until(60s, [&] {
        auto list = daemon.get(path).json();
        return list.is_array() && list.size() == 10;
      }))
    throw std::runtime_error("today's list did not fill");
  auto url = "http://127.0.0.1:" + std::to_string(daemon.http_port) + path;
  auto seconds = std::max(1,
                          static_cast<int>(ctx.options.seconds_for("query")));
  progress("query: wrk -c" + std::to_string(ctx.options.connections) + " -d"
           + std::to_string(seconds) + "s " + url);
  auto result = test::run_command(
    {"wrk", "-t2", "-c" + std::to_string(ctx.options.connections),
     "-d" + std::to_string(seconds) + "s", "--latency", url},
    std::chrono::seconds{seconds + 30});
  if (result.exit_code != 0)
    throw std::runtime_error("wrk failed (is it installed?): " + result.output);
  auto rate = requests_per_s(result.output);
  auto p50 = percentile(result.output, "50");
  auto p99 = percentile(result.output, "99");
  auto errors = non_2xx(result.output);
  scenario_report r;
  r.scenario = "query";
  r.command = command_for("query", ctx.options);
  r.lines = {
    "GET " + path + " with " + std::to_string(ctx.options.connections)
      + " connections for " + std::to_string(seconds) + " s",
    "throughput: " + human(rate) + " requests/s, latency p50 "
      + std::to_string(p50) + " ms, p99 " + std::to_string(p99) + " ms",
    "non-2xx answers: " + std::to_string(errors),
  };
  r.figures = {{"req_per_s", rate},
               {"p50_ms", p50},
               {"p99_ms", p99},
               {"non_2xx", errors},
               {"connections", ctx.options.connections}};
  return r;
}

} // namespace hot::bench
