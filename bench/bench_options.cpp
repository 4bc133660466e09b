// The benchmark's command line.
#include "bench/bench_options.hpp"

#include <cstdlib>
#include <set>
#include <sstream>

#include <caf/error.hpp>
#include <caf/sec.hpp>

namespace hot::bench {

namespace {

const std::set<std::string> known_scenarios{
  "pipeline", "reference", "e2e", "query", "memory", "takeover", "scale"};

caf::error invalid(const std::string& what) {
  return caf::make_error(caf::sec::invalid_argument, what);
}

template <class T>
bool read_number(const std::string& text, T& out) {
  std::istringstream in{text};
  T value{};
  if (!(in >> value) || !in.eof() || value < T{0})
    return false;
  out = value;
  return true;
}

} // namespace

std::string bench_usage() {
  return "usage: hot-articles-bench <scenario>... [options]\n"
         "scenarios: pipeline reference e2e query memory scale takeover all\n"
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
         "  --seconds N           e2e and query: measuring time (default 30)\n"
         "  --connections N       query: wrk connections (default 32)\n"
         "  --scale-events N      scale: events per run (default 50000)\n"
         "  --max-instances N     scale: groups of 1 to N instances (default "
         "3)\n"
         "  --daemon-arg OPTION   e2e, query, scale: pass OPTION to the "
         "daemon (repeatable)\n"
         "  --json                end each scenario with one JSON line\n";
}

caf::expected<bench_options> parse_bench_options(int argc, char** argv) {
  bench_options out;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> caf::expected<std::string> {
      if (i + 1 >= argc)
        return invalid(arg + " needs a value");
      return std::string{argv[++i]};
    };
    auto number = [&](auto& target) -> caf::error {
      auto text = value();
      if (!text)
        return text.error();
      if (!read_number(*text, target))
        return invalid(arg + ": not a non-negative number: " + *text);
      return {};
    };
    caf::error err;
    if (arg == "--help" || arg == "-h")
      out.help = true;
    else if (arg == "--json")
      out.json = true;
    else if (arg == "--events")
      err = number(out.events);
    else if (arg == "--runs")
      err = number(out.runs);
    else if (arg == "--reference-events")
      err = number(out.reference_events);
    else if (arg == "--articles")
      err = number(out.articles);
    else if (arg == "--seed")
      err = number(out.seed);
    else if (arg == "--shards")
      err = number(out.shards);
    else if (arg == "--rate")
      err = number(out.rate);
    else if (arg == "--seconds")
      err = number(out.seconds);
    else if (arg == "--connections")
      err = number(out.connections);
    else if (arg == "--scale-events")
      err = number(out.scale_events);
    else if (arg == "--max-instances")
      err = number(out.max_instances);
    else if (arg == "--daemon-arg") {
      auto text = value();
      if (!text)
        return text.error();
      out.daemon_args.push_back(*text);
    } else if (arg == "all")
      out.scenarios.insert(out.scenarios.end(),
                           {"pipeline", "reference", "e2e", "query", "memory",
                            "scale", "takeover"});
    else if (known_scenarios.count(arg) > 0)
      out.scenarios.push_back(arg);
    else
      return invalid("unknown scenario or option: " + arg);
    if (err)
      return err;
  }
  if (out.help)
    return out;
  if (out.scenarios.empty())
    return invalid("name at least one scenario");
  if (out.runs == 0 || out.events == 0 || out.shards == 0
      || out.scale_events == 0 || out.max_instances == 0)
    return invalid("--runs, --events, --shards, --scale-events and "
                   "--max-instances must be positive");
  return out;
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
    out << " --rate " << o.rate << " --seconds " << o.seconds;
  if (scenario == "takeover")
    out << " --runs " << o.runs << " --seed " << o.seed;
  if (scenario == "query")
    out << " --seconds " << o.seconds << " --connections " << o.connections;
  if (scenario == "e2e" || scenario == "query" || scenario == "scale")
    for (const auto& arg : o.daemon_args)
      out << " --daemon-arg " << arg;
  if (o.json)
    out << " --json";
  return out.str();
}

} // namespace hot::bench
