// hot-articles-gen: realistic board traffic for Kafka, from the command line.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "app/generator/command_line.hpp"
#include "app/generator/gen_error.hpp"
#include "app/generator/generator.hpp"
#include "app/generator/internal_records.hpp"
#include "app/generator/option_values.hpp"
#include "common/version.hpp"
#include "sim/mock_cluster.hpp"

using namespace hot;
using namespace hot::gen;

namespace {

/// Set by SIGINT/SIGTERM; the generator checks it between events and then
/// flushes, so an interrupted run still ends with a summary.
std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free,
              "the signal handler needs a lock-free flag");

extern "C" void on_stop_signal(int) {
  stop_requested.store(true);
}

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  // A second signal ends the process at once, final flush or not.
  action.sa_flags = static_cast<int>(SA_RESETHAND);
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

std::string fixed(double value, int decimals) {
  std::vector<char> buf(64);
  std::snprintf(buf.data(), buf.size(), "%.*f", decimals, value);
  return buf.data();
}

std::string counters_text(const generator_progress& p) {
  std::string out = "produced=" + std::to_string(p.produced)
                    + " delivered=" + std::to_string(p.delivered)
                    + " failed=" + std::to_string(p.failed)
                    + " rate=" + fixed(p.rate_per_s, 0) + "/s"
                    + " articles=" + std::to_string(p.articles) + " (live "
                    + std::to_string(p.live_articles) + ") |";
  for (size_t i = 0; i < event_type_count; ++i) {
    out += ' ';
    out += wire_name(static_cast<event_type>(i));
    out += '=';
    out += std::to_string(p.by_type[i]);
  }
  return out;
}

void print_line(const std::string& line) {
  std::fputs(line.c_str(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

void print_progress(const generator_progress& p) {
  auto seconds = static_cast<double>(p.elapsed.count()) / 1000.0;
  print_line("progress " + fixed(seconds, 1) + "s " + counters_text(p));
}

std::string limits_text(const generator_options& o) {
  std::string out = o.rate > 0 ? fixed(o.rate, 1) + " events/s"
                               : std::string{"full speed"};
  if (o.count > 0)
    out += ", " + std::to_string(o.count) + " events";
  if (o.duration.count() > 0)
    out += ", for " + option_values::format_duration(o.duration);
  if (o.count == 0 && o.duration.count() == 0)
    out += ", until interrupted";
  return out;
}

int decode_internal(const command_line& cli) {
  internal_dump_options dump;
  dump.brokers = cli.options.brokers;
  dump.topic = cli.decode_internal;
  dump.properties = cli.options.properties;
  auto printed = print_internal_records(dump, stdout);
  if (!printed) {
    std::fprintf(stderr, "hot-articles-gen: %s\n",
                 describe_gen_error(printed.error()).c_str());
    return is_usage_error(printed.error()) ? 2 : 1;
  }
  std::fprintf(stderr, "hot-articles-gen: %llu records of %s\n",
               static_cast<unsigned long long>(*printed), dump.topic.c_str());
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto cli = parse_command_line(args);
  if (!cli) {
    std::fprintf(stderr, "hot-articles-gen: %s\n",
                 describe_gen_error(cli.error()).c_str());
    return 2;
  }
  if (cli->help) {
    std::fputs(usage_text().c_str(), stdout);
    return 0;
  }
  if (cli->version) {
    print_line(version_line("hot-articles-gen"));
    return 0;
  }
  if (!cli->decode_internal.empty())
    return decode_internal(*cli);
  install_stop_handlers();
  auto options = cli->options;
  // Declared before the run so the cluster outlives the producer.
  std::optional<mock_cluster> mock;
  if (cli->mock) {
    auto started
      = mock_cluster::start(1,
                            {options.article_topic, options.comment_topic,
                             options.like_topic, options.view_topic},
                            mock_cluster::partitions_per_topic);
    if (!started) {
      std::fprintf(stderr, "hot-articles-gen: %s\n",
                   describe_gen_error(started.error()).c_str());
      return 1;
    }
    mock.emplace(std::move(*started));
    options.brokers = mock->bootstraps();
    print_line("mock cluster at " + options.brokers);
  }
  print_line("producing to " + options.brokers + " (" + options.article_topic
             + ", " + options.comment_topic + ", " + options.like_topic + ", "
             + options.view_topic + "): " + limits_text(options));
  auto result = run_generator(options, stop_requested, print_progress);
  if (!result) {
    std::fprintf(stderr, "hot-articles-gen: %s\n",
                 describe_gen_error(result.error()).c_str());
    return is_usage_error(result.error()) ? 2 : 1;
  }
  auto seconds = static_cast<double>(result->elapsed.count()) / 1000.0;
  print_line(std::string{stop_requested ? "stopped" : "done"} + " after "
             + fixed(seconds, 2) + "s: " + counters_text(*result));
  if (result->failed > 0) {
    std::fprintf(stderr, "hot-articles-gen: %llu deliveries failed\n",
                 static_cast<unsigned long long>(result->failed));
    return 1;
  }
  return 0;
}
