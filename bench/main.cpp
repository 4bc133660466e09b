// hot-articles-bench: measures the service and prints what it measured.
#include <exception>
#include <iostream>

#include "bench/bench_options.hpp"
#include "bench/scenarios.hpp"
#include "common/logger.hpp"
#include "common/version.hpp"

int main(int argc, char** argv) {
  using namespace hot::bench;
  auto options = parse_bench_options(argc, argv);
  if (!options) {
    // The context is the message itself; CAF's rendering would wrap it.
    const auto& ctx = options.error().context();
    std::cerr << "hot-articles-bench: "
              << (ctx.match_elements<std::string>()
                    ? ctx.get_as<std::string>(0)
                    : caf::to_string(options.error()))
              << "\n\n"
              << bench_usage();
    return 2;
  }
  if (options->help) {
    std::cout << bench_usage();
    return 0;
  }
  if (options->version) {
    std::cout << hot::version_line("hot-articles-bench") << "\n";
    return 0;
  }
  hot::log::set_level(hot::log::level::warn);
  bench_context ctx;
  ctx.options = *options;
  try {
    for (const auto& scenario : ctx.options.scenarios) {
      scenario_report report;
      if (scenario == "pipeline")
        report = pipeline_scenario(ctx);
      else if (scenario == "reference")
        report = reference_scenario(ctx);
      else if (scenario == "memory")
        report = memory_scenario(ctx);
      else if (scenario == "e2e")
        report = e2e_scenario(ctx);
      else if (scenario == "takeover")
        report = takeover_scenario(ctx);
      else if (scenario == "query")
        report = query_scenario(ctx);
      else if (scenario == "throughput")
        report = throughput_scenario(ctx);
      else
        report = scale_scenario(ctx);
      print(report, ctx.options.json);
      // A fast wrong answer does not count.
      if (report.figures.value("oracle_ok", true) == false) {
        std::cerr << "hot-articles-bench: the lists differ from the oracle\n";
        return 3;
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "hot-articles-bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
