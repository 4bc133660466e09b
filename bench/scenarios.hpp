// The benchmark's scenarios. Each measures, checks what it can, and
// returns its report.
#pragma once

#include <memory>
#include <optional>

#include "bench/bench_options.hpp"
#include "bench/pipeline_run.hpp"
#include "bench/report.hpp"
#include "bench/workload.hpp"
#include "tests/support/redis_server.hpp"

namespace hot::bench {

/// What scenarios of one invocation share: one Redis, one workload, and the
/// pipeline's figures, so that the reference is compared in the same run.
struct bench_context {
  bench_options options;
  std::unique_ptr<test::redis_server> redis;
  std::unique_ptr<workload> events;
  std::optional<spread> pipeline_rate;

  test::redis_server& redis_server();
  const workload& day_workload();
};

/// The generator's day of `options`, its encoding time told on stderr.
workload timed_workload(const workload_options& options);

scenario_report pipeline_scenario(bench_context& ctx);

scenario_report reference_scenario(bench_context& ctx);

/// What a tracked article costs the process, and what the stored day
/// costs Redis.
scenario_report memory_scenario(bench_context& ctx);

scenario_report e2e_scenario(bench_context& ctx);

scenario_report query_scenario(bench_context& ctx);

/// SIGKILL an instance: how long until the lists move again after a
/// restart, and until a survivor owns every internal partition.
scenario_report takeover_scenario(bench_context& ctx);

scenario_report scale_scenario(bench_context& ctx);

/// The path users run: the daemon process fed through the mock cluster as
/// fast as it takes events, both stages, checked against the oracle.
scenario_report throughput_scenario(bench_context& ctx);

} // namespace hot::bench
