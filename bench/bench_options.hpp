// The benchmark's command line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <caf/expected.hpp>

namespace hot::bench {

struct bench_options {
  /// pipeline, reference, e2e, query, memory, scale, takeover, throughput
  /// (in the order given).
  std::vector<std::string> scenarios;
  uint64_t events = 5'000'000;
  uint32_t runs = 3;
  /// Events the reference handles: at a few thousand per second, a prefix
  /// of the same events.
  uint64_t reference_events = 20'000;
  /// Tracked articles in the memory scenario.
  uint64_t articles = 1'000'000;
  uint64_t seed = 1;
  uint32_t shards = 2;
  /// Boards the workload's articles are spread over (pipeline, memory; in
  /// e2e, the generator's).
  uint32_t boards = 4;
  /// Keep and write the per-board lists (`ranking.boards.enabled`).
  bool board_lists = false;
  /// e2e: generator rate.
  double rate = 50'000;
  /// e2e, query and throughput: how long to measure; unset, each
  /// scenario's own default (see `seconds_for`).
  std::optional<double> seconds;
  /// query: wrk connections.
  uint32_t connections = 32;
  /// scale: events each run handles. All of them wait in Kafka before the
  /// clock starts, and the mock keeps 5 MiB per partition: the busiest
  /// (three quarters of the likes, 38 % of all events) holds 60 000 of
  /// seed 1's events but not 75 000.
  uint64_t scale_events = 50'000;
  /// scale: groups of 1 to this many instances.
  uint32_t max_instances = 3;
  /// e2e, query and scale: extra daemon options, e.g. --http.threads=64.
  std::vector<std::string> daemon_args;
  bool json = false;
  bool help = false;
  bool version = false;

  /// The measuring time of `scenario`: --seconds, else 20 s for
  /// throughput and 30 s for e2e and query.
  double seconds_for(const std::string& scenario) const;
};

/// Parses argv with CLI11; an error says what is wrong in words, and names
/// the nearest option to an unknown one.
caf::expected<bench_options> parse_bench_options(int argc, char** argv);

/// The help text CLI11 generates.
std::string bench_usage();

/// The command line that reproduces `scenario` with these options.
std::string command_for(const std::string& scenario,
                        const bench_options& options);

} // namespace hot::bench
