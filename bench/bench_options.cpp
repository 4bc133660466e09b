// The benchmark's command line, read by CLI11.
#include "bench/bench_options.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

#include <CLI/CLI.hpp>
#include <caf/error.hpp>
#include <caf/sec.hpp>

#include "common/spelling.hpp"

namespace hot::bench {

namespace {

const std::vector<std::string> known_scenarios{"pipeline", "reference",
                                               "e2e",      "query",
                                               "memory",   "takeover",
                                               "scale",    "throughput"};

caf::error invalid(const std::string& what) {
  return caf::make_error(caf::sec::invalid_argument, what);
}

/// A whole number from `min` to T's largest, written in digits only: no
/// sign, which CLI11 would wrap into a huge unsigned value.
template <class T>
CLI::Validator whole_from(T min) {
  auto wanted = "a whole number from " + std::to_string(min) + " to "
                + std::to_string(std::numeric_limits<T>::max());
  return CLI::Validator(
    [min, wanted](std::string& text) -> std::string {
      T value{};
      const auto* end = text.data() + text.size();
      auto [ptr, ec] = std::from_chars(text.data(), end, value);
      if (text.empty() || ec != std::errc{} || ptr != end || value < min)
        return "expected " + wanted + ", got '" + text + "'";
      return {};
    },
    "");
}

/// A finite number of at least `min` (NaN passes CLI::Range).
CLI::Validator number_from(double min) {
  std::ostringstream wanted;
  wanted << "a number >= " << min;
  return CLI::Validator(
    [min, wanted = wanted.str()](std::string& text) -> std::string {
      char* end = nullptr;
      auto value = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || !std::isfinite(value) || value < min)
        return "expected " + wanted + ", got '" + text + "'";
      return {};
    },
    "");
}

/// The app and where its options land; `seconds` is read apart, since an
/// unset --seconds leaves each scenario its own default.
struct bench_cli {
  CLI::App app{"hot-articles-bench: measures the service and prints what it "
               "measured.",
               "hot-articles-bench"};
  bench_options out;
  std::vector<std::string> scenarios;
  double seconds = 0;
  CLI::Option* seconds_option = nullptr;

  bench_cli() {
    app.footer("scenarios: pipeline reference e2e query memory scale takeover "
               "throughput all");
    app.set_help_flag("-h,--help", "this text")->disable_flag_override();
    app.add_flag("-V,--version", out.version, "print the version and exit")
      ->disable_flag_override();
    app.add_option("scenario", scenarios, "scenarios to run, in this order");
    auto& o = out;
    app.add_option("--events", o.events, "pipeline events (default 5000000)")
      ->type_name("N")
      ->check(whole_from<uint64_t>(1));
    app
      .add_option("--runs", o.runs,
                  "pipeline, scale and takeover runs, the median is "
                  "reported (default 3)")
      ->type_name("N")
      ->check(whole_from<uint32_t>(1));
    app
      .add_option("--reference-events", o.reference_events,
                  "events the reference handles (default 20000)")
      ->type_name("N")
      ->check(whole_from<uint64_t>(0));
    app
      .add_option("--articles", o.articles,
                  "memory: tracked articles (default 1000000)")
      ->type_name("N")
      ->check(whole_from<uint64_t>(0));
    app.add_option("--seed", o.seed, "workload seed (default 1)")
      ->type_name("N")
      ->check(whole_from<uint64_t>(0));
    app
      .add_option("--boards", o.boards,
                  "pipeline, memory, e2e: boards the articles are spread over, "
                  "Zipf-skewed (default 4)")
      ->type_name("N")
      ->check(whole_from<uint32_t>(1));
    app.add_flag("--board-lists", o.board_lists,
                 "pipeline, memory: keep and write every board's list too "
                 "(ranking.boards.enabled)");
    app.add_option("--shards", o.shards, "article-state shards (default 2)")
      ->type_name("N")
      ->check(whole_from<uint32_t>(1));
    app.add_option("--rate", o.rate, "e2e: generator events/s (default 50000)")
      ->type_name("N")
      ->check(number_from(0));
    seconds_option
      = app
          .add_option("--seconds", seconds,
                      "e2e and query: measuring time (default 30); "
                      "throughput: steady-state time (default 20)")
          ->type_name("N")
          ->check(number_from(0));
    app
      .add_option("--connections", o.connections,
                  "query: wrk connections (default 32)")
      ->type_name("N")
      ->check(whole_from<uint32_t>(1));
    app
      .add_option("--scale-events", o.scale_events,
                  "scale: events per run (default 50000)")
      ->type_name("N")
      ->check(whole_from<uint64_t>(1));
    app
      .add_option("--max-instances", o.max_instances,
                  "scale: groups of 1 to N instances (default 3)")
      ->type_name("N")
      ->check(whole_from<uint32_t>(1));
    app
      .add_option("--daemon-arg", o.daemon_args,
                  "e2e, query, scale, throughput: pass OPTION to the daemon "
                  "(repeatable)")
      ->type_name("OPTION");
    app.add_flag("--json", o.json, "end each scenario with one JSON line")
      ->disable_flag_override();
  }

  /// Every long name, without its dashes: what a typo is matched against.
  std::vector<std::string> long_names() const {
    std::vector<std::string> names;
    for (const auto* option : app.get_options())
      for (const auto& name : option->get_lnames())
        names.push_back(name);
    return names;
  }
};

/// CLI11 takes a word that starts with "--" for an option, never for a
/// value; the daemon's options do, so "--daemon-arg --x=1" becomes
/// "--daemon-arg=--x=1" first.
std::vector<std::string> joined_daemon_args(int argc, char** argv) {
  std::vector<std::string> out;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--daemon-arg" && i + 1 < argc)
      arg += "=" + std::string{argv[++i]};
    out.push_back(std::move(arg));
  }
  return out;
}

/// An option no one declared: its name with the nearest known one, or a
/// pointer to --help.
std::string unknown_option(const std::string& given,
                           const std::vector<std::string>& known) {
  auto name = given.substr(0, given.find('='));
  if (name.size() < 2)
    name = given;
  if (name.rfind("--", 0) == 0)
    if (auto meant = likely_meant(name.substr(2), known))
      return "unknown option " + name + " (did you mean --" + *meant + "?)";
  return "unknown option " + name + " (see --help)";
}

} // namespace

std::string bench_usage() {
  return bench_cli{}.app.help();
}

caf::expected<bench_options> parse_bench_options(int argc, char** argv) {
  bench_cli cli;
  auto args = joined_daemon_args(argc, argv);
  // CLI11 takes its arguments last first.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    cli.app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    bench_options out;
    out.help = true;
    return out;
  } catch (const CLI::ExtrasError&) {
    auto extras = cli.app.remaining();
    return invalid(extras.empty()
                     ? std::string{"unexpected arguments"}
                     : unknown_option(extras.front(), cli.long_names()));
  } catch (const CLI::ArgumentMismatch& e) {
    // "--runs: 1 required INT missing": the option came without its value.
    std::string what = e.what();
    if (what.find("missing") != std::string::npos)
      return invalid(what.substr(0, what.find(':')) + " needs a value");
    // "--json was given a disallowed flag override": --json=1.
    // CLI11 names the flag without its dashes here.
    if (what.find("flag override") != std::string::npos)
      return invalid("--" + what.substr(0, what.find(' ')) + " takes no value");
    return invalid(what);
  } catch (const CLI::ParseError& e) {
    return invalid(e.what());
  }
  auto out = cli.out;
  if (out.version)
    return out;
  if (cli.seconds_option->count() > 0)
    out.seconds = cli.seconds;
  for (const auto& name : cli.scenarios) {
    if (name == "all")
      out.scenarios.insert(out.scenarios.end(),
                           {"pipeline", "reference", "e2e", "query", "memory",
                            "scale", "takeover", "throughput"});
    else if (std::find(known_scenarios.begin(), known_scenarios.end(), name)
             != known_scenarios.end())
      out.scenarios.push_back(name);
    else
      return invalid("unknown scenario " + name + " (see --help)");
  }
  if (out.scenarios.empty())
    return invalid("name at least one scenario");
  return out;
}

double bench_options::seconds_for(const std::string& scenario) const {
  if (seconds)
    return *seconds;
  return scenario == "throughput" ? 20 : 30;
}

std::string command_for(const std::string& scenario, const bench_options& o) {
  std::ostringstream out;
  out << "build/bin/hot-articles-bench " << scenario;
  if (scenario == "pipeline" || scenario == "reference")
    out << " --events " << o.events << " --runs " << o.runs << " --seed "
        << o.seed << " --shards " << o.shards << " --boards " << o.boards
        << (o.board_lists ? " --board-lists" : "");
  if (scenario == "reference")
    out << " --reference-events " << o.reference_events;
  if (scenario == "scale")
    out << " --scale-events " << o.scale_events << " --max-instances "
        << o.max_instances << " --runs " << o.runs << " --seed " << o.seed;
  if (scenario == "memory")
    out << " --articles " << o.articles << " --shards " << o.shards
        << " --boards " << o.boards << (o.board_lists ? " --board-lists" : "");
  if (scenario == "e2e")
    out << " --rate " << o.rate << " --seconds " << o.seconds_for(scenario)
        << " --boards " << o.boards;
  if (scenario == "takeover")
    out << " --runs " << o.runs << " --seed " << o.seed;
  if (scenario == "query")
    out << " --seconds " << o.seconds_for(scenario) << " --connections "
        << o.connections;
  if (scenario == "throughput")
    out << " --seconds " << o.seconds_for(scenario) << " --seed " << o.seed;
  if (scenario == "e2e" || scenario == "query" || scenario == "scale"
      || scenario == "throughput")
    for (const auto& arg : o.daemon_args)
      out << " --daemon-arg " << arg;
  if (o.json)
    out << " --json";
  return out.str();
}

} // namespace hot::bench
