// The benchmark's command line.
#include "bench/bench_options.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <variant>

#include <caf/error.hpp>
#include <caf/sec.hpp>

#include "common/arg_parser.hpp"

namespace hot::bench {

namespace {

const std::set<std::string> known_scenarios{"pipeline", "reference", "e2e",
                                            "query",    "memory",    "takeover",
                                            "scale",    "throughput"};

caf::error invalid(const std::string& what) {
  return caf::make_error(caf::sec::invalid_argument, what);
}

/// A number option: its field and the smallest value that makes sense.
struct number_option {
  const char* name;
  std::variant<uint64_t bench_options::*, uint32_t bench_options::*,
               double bench_options::*, std::optional<double> bench_options::*>
    field;
  double min;
};

const std::vector<number_option>& number_options() {
  static const std::vector<number_option> all{
    {"events", &bench_options::events, 1},
    {"runs", &bench_options::runs, 1},
    {"reference-events", &bench_options::reference_events, 0},
    {"articles", &bench_options::articles, 0},
    {"seed", &bench_options::seed, 0},
    {"shards", &bench_options::shards, 1},
    {"rate", &bench_options::rate, 0},
    {"seconds", &bench_options::seconds, 0},
    {"connections", &bench_options::connections, 1},
    {"scale-events", &bench_options::scale_events, 1},
    {"max-instances", &bench_options::max_instances, 1},
  };
  return all;
}

template <class T>
std::optional<T> read_whole(const std::string& text) {
  T value{};
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end)
    return std::nullopt;
  return value;
}

std::optional<double> read_decimal(const std::string& text) {
  char* end = nullptr;
  auto value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(value))
    return std::nullopt;
  return value;
}

/// Sets the field, or says what is wrong, naming the value and the range.
caf::error set_number(bench_options& out, const number_option& option,
                      const std::string& text) {
  auto wrong = [&](const std::string& wanted) {
    std::ostringstream msg;
    msg << "--" << option.name << ": expected " << wanted << ", got '" << text
        << "'";
    return invalid(msg.str());
  };
  auto whole = [&](uint64_t max) {
    return "a whole number from "
           + std::to_string(static_cast<uint64_t>(option.min)) + " to "
           + std::to_string(max);
  };
  if (auto* big = std::get_if<uint64_t bench_options::*>(&option.field)) {
    auto value = read_whole<uint64_t>(text);
    if (!value || static_cast<double>(*value) < option.min)
      return wrong(whole(std::numeric_limits<uint64_t>::max()));
    out.*(*big) = *value;
  } else if (auto* small
             = std::get_if<uint32_t bench_options::*>(&option.field)) {
    auto value = read_whole<uint32_t>(text);
    if (!value || static_cast<double>(*value) < option.min)
      return wrong(whole(std::numeric_limits<uint32_t>::max()));
    out.*(*small) = *value;
  } else {
    auto value = read_decimal(text);
    if (!value || *value < option.min) {
      std::ostringstream wanted;
      wanted << "a number >= " << option.min;
      return wrong(wanted.str());
    }
    if (auto* plain = std::get_if<double bench_options::*>(&option.field))
      out.*(*plain) = *value;
    else
      out.*std::get<std::optional<double> bench_options::*>(option.field)
        = *value;
  }
  return {};
}

} // namespace

std::string bench_usage() {
  return "usage: hot-articles-bench <scenario>... [options]\n"
         "scenarios: pipeline reference e2e query memory scale takeover "
         "throughput all\n"
         "  --events N            pipeline events (default 5000000)\n"
         "  --runs N              pipeline, scale and takeover runs, the "
         "median is "
         "reported (default 3)\n"
         "  --reference-events N  events the reference handles (default "
         "20000)\n"
         "  --articles N          memory: tracked articles (default 1000000)\n"
         "  --seed N              workload seed (default 1)\n"
         "  --shards N            article-state shards (default 2)\n"
         "  --rate N              e2e: generator events/s (default 50000)\n"
         "  --seconds N           e2e and query: measuring time (default 30); "
         "throughput: steady-state time (default 20)\n"
         "  --connections N       query: wrk connections (default 32)\n"
         "  --scale-events N      scale: events per run (default 50000)\n"
         "  --max-instances N     scale: groups of 1 to N instances (default "
         "3)\n"
         "  --daemon-arg OPTION   e2e, query, scale, throughput: pass OPTION "
         "to the "
         "daemon (repeatable)\n"
         "  --json                end each scenario with one JSON line\n"
         "  --help, -h            this text\n"
         "  --version, -V         print the version and exit\n";
}

caf::expected<bench_options> parse_bench_options(int argc, char** argv) {
  const auto& numbers = number_options();
  std::vector<arg_spec> specs;
  for (const auto& n : numbers)
    specs.push_back(arg_spec{n.name});
  auto daemon_arg = specs.size();
  specs.push_back(arg_spec{"daemon-arg", true, true});
  specs.push_back(arg_spec{"json", false});
  auto parsed = parse_args(std::vector<std::string>(argv + 1, argv + argc),
                           specs, arg_rules{true, false});
  if (!parsed.error.empty())
    return invalid(parsed.error);
  bench_options out;
  out.help = parsed.help;
  out.version = parsed.version;
  if (out.help || out.version)
    return out;
  for (const auto& given : parsed.options) {
    if (given.spec < numbers.size()) {
      if (auto err = set_number(out, numbers[given.spec], given.value))
        return err;
    } else if (given.spec == daemon_arg) {
      out.daemon_args.push_back(given.value);
    } else {
      out.json = true;
    }
  }
  for (const auto& name : parsed.operands) {
    if (name == "all")
      out.scenarios.insert(out.scenarios.end(),
                           {"pipeline", "reference", "e2e", "query", "memory",
                            "scale", "takeover", "throughput"});
    else if (known_scenarios.count(name) > 0)
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
        << o.seed << " --shards " << o.shards;
  if (scenario == "reference")
    out << " --reference-events " << o.reference_events;
  if (scenario == "scale")
    out << " --scale-events " << o.scale_events << " --max-instances "
        << o.max_instances << " --runs " << o.runs << " --seed " << o.seed;
  if (scenario == "memory")
    out << " --articles " << o.articles << " --shards " << o.shards;
  if (scenario == "e2e")
    out << " --rate " << o.rate << " --seconds " << o.seconds_for(scenario);
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
