// docker/grafana and docker/prometheus against the daemon: the dashboard is
// well-formed, and every metric it and the alert rules name is on /metrics.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_fixture.hpp"
#include "tests/e2e/process.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/wait.hpp"

using namespace hot::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const fs::path docker_dir = fs::path{HOT_SOURCE_DIR} / "docker";

std::string read_file(const fs::path& path) {
  std::ifstream in{path};
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The dashboards and the Prometheus files: everything that names metrics.
std::vector<fs::path> monitoring_files() {
  std::vector<fs::path> out;
  auto collect = [&out](const fs::path& dir, const std::string& ext) {
    for (const auto& entry : fs::directory_iterator{dir})
      if (entry.is_regular_file() && entry.path().extension() == ext)
        out.push_back(entry.path());
  };
  collect(docker_dir / "grafana" / "dashboards", ".json");
  collect(docker_dir / "prometheus", ".yml");
  std::sort(out.begin(), out.end());
  return out;
}

/// A histogram's series name its family: `x_bucket`, `x_sum`, `x_count`.
std::string family_of(std::string name) {
  for (const std::string suffix : {"_bucket", "_sum", "_count"})
    if (name.size() > suffix.size()
        && name.compare(name.size() - suffix.size(), suffix.size(), suffix)
             == 0)
      return name.substr(0, name.size() - suffix.size());
  return name;
}

/// Metric names in `text`: tokens hot_articles_* and process_*.
std::set<std::string> metric_names_in(const std::string& text) {
  static const std::regex token{R"(\b(hot_articles|process)_[a-z_]+)"};
  std::set<std::string> out;
  for (std::sregex_iterator it{text.begin(), text.end(), token}, end; it != end;
       ++it)
    out.insert(family_of(it->str()));
  return out;
}

/// Every series name on a /metrics page and its family, and every name a
/// `# TYPE` line declares.
std::set<std::string> exposed_names(const std::string& page) {
  std::set<std::string> out;
  std::istringstream lines{page};
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("# TYPE ", 0) == 0) {
      std::istringstream words{line.substr(7)};
      std::string name;
      words >> name;
      out.insert(name);
      continue;
    }
    if (line.empty() || line[0] == '#')
      continue;
    auto name = line.substr(0, line.find_first_of("{ "));
    out.insert(name);
    out.insert(family_of(name));
  }
  return out;
}

} // namespace

TEST_CASE("the Grafana dashboard is valid JSON with a Prometheus query in "
          "every panel",
          "[docker][dashboard]") {
  auto datasources = read_file(docker_dir / "grafana" / "provisioning"
                               / "datasources" / "prometheus.yml");
  REQUIRE_THAT(datasources, Catch::Contains("uid: prometheus"));
  auto path = docker_dir / "grafana" / "dashboards" / "hot-articles.json";
  auto dashboard = nlohmann::json::parse(read_file(path), nullptr, false);
  REQUIRE_FALSE(dashboard.is_discarded());
  CHECK(dashboard.value("uid", "") == "hot-articles");
  REQUIRE(dashboard.contains("panels"));
  std::set<int> ids;
  int queries = 0;
  for (const auto& panel : dashboard["panels"]) {
    auto title = panel.value("title", "");
    INFO("panel " << title);
    CHECK(ids.insert(panel.value("id", -1)).second);
    CHECK(panel.contains("gridPos"));
    if (panel.value("type", "") == "row")
      continue;
    CHECK(panel["datasource"].value("uid", "") == "prometheus");
    REQUIRE(panel.contains("targets"));
    CHECK_FALSE(panel["targets"].empty());
    for (const auto& target : panel["targets"]) {
      CHECK_FALSE(target.value("expr", "").empty());
      ++queries;
    }
  }
  CHECK(queries >= 20);
}

TEST_CASE("every query of the Grafana dashboard is valid PromQL",
          "[docker][dashboard]") {
  // promtool parses each query as a recording rule, with Grafana's
  // variables replaced by values it would send.
  auto path = docker_dir / "grafana" / "dashboards" / "hot-articles.json";
  auto dashboard = nlohmann::json::parse(read_file(path));
  std::string rules = "groups:\n  - name: dashboard\n    rules:\n";
  int n = 0;
  for (const auto& panel : dashboard["panels"])
    for (const auto& target : panel.value("targets", nlohmann::json::array())) {
      auto expr = target.value("expr", "");
      expr = std::regex_replace(expr, std::regex{R"(\$__rate_interval)"}, "1m");
      expr = std::regex_replace(expr, std::regex{R"(\$instance)"}, ".*");
      // A JSON string is a YAML double-quoted scalar.
      rules += "      - record: dashboard_query_" + std::to_string(++n)
               + "\n        expr: " + nlohmann::json(expr).dump() + "\n";
    }
  REQUIRE(n > 0);
  auto file
    = fs::temp_directory_path()
      / ("hot-dashboard-queries-" + std::to_string(::getpid()) + ".yml");
  std::ofstream{file} << rules;
  auto result = run_command({HOT_PROMTOOL, "check", "rules", file.string()},
                            30s);
  std::error_code ignored;
  fs::remove(file, ignored);
  INFO("promtool (Debian's prometheus package) is needed:\n" << result.output);
  CHECK(result.exit_code == 0);
}

TEST_CASE("every metric the dashboard and the alert rules use is on /metrics",
          "[docker][metrics]") {
  std::set<std::string> used;
  for (const auto& file : monitoring_files())
    for (auto& name : metric_names_in(read_file(file)))
      used.insert(name);
  // The extraction itself: a broken pattern must not pass by finding none.
  REQUIRE(used.count("hot_articles_consumer_lag") == 1);
  REQUIRE(used.count("hot_articles_http_request_duration_seconds") == 1);
  REQUIRE(used.count("hot_articles_http_request_duration_seconds_bucket") == 0);
  REQUIRE(used.size() >= 20);

  // Embedded mode: the mock cluster and its generator, a real Redis. The
  // dead-letter topic makes the dead-letter counters appear.
  redis_server redis;
  daemon_run daemon;
  daemon.http_port = free_port();
  daemon.admin_port = free_port();
  auto log = fs::temp_directory_path()
             / ("hot-monitoring-" + std::to_string(daemon.http_port) + ".log");
  daemon.process = std::make_unique<child_process>(
    std::vector<std::string>{
      bin("hot-articles"),
      "--redis.port=" + std::to_string(redis.port()),
      "--http.host=127.0.0.1",
      "--http.port=" + std::to_string(daemon.http_port),
      "--admin.port=" + std::to_string(daemon.admin_port),
      "--embedded.rate=500",
      "--kafka.dead-letter-topic=board-dead-letter",
      "--kafka.commit-interval=200ms",
      "--kafka.watermark-interval=100ms",
    },
    log.string());
  REQUIRE(wait_until(
    60s, [&] { return daemon.get("/health").status == 200; }, 100ms));
  // Processed: events applied, lists written, stream time set.
  bool processed = wait_until(
    60s,
    [&] {
      return metric_sum(daemon, "hot_articles_events_applied_total") > 0
             && metric_sum(daemon, "hot_articles_flushes_total") > 0
             && metric_sum(daemon, "hot_articles_stream_time_seconds") > 0;
    },
    100ms);
  INFO(daemon.process->output());
  REQUIRE(processed);
  // Requests of each kind, so per-route series exist.
  CHECK(daemon.get("/v1/hot-articles/articles/recent").status == 200);
  CHECK(daemon.get("/v1/hot-articles/articles/date/20200101").status == 200);
  CHECK(daemon.get("/v1/hot-articles/nothing").status == 404);

  auto page = daemon.get("/metrics");
  REQUIRE(page.status == 200);
  auto exposed = exposed_names(page.body);
  std::string missing;
  for (const auto& name : used)
    if (exposed.count(name) == 0)
      missing += "\n  " + name;
  INFO("named in docker/grafana/dashboards and docker/prometheus, but not "
       "on /metrics:"
       << missing);
  CHECK(missing.empty());
  std::error_code ignored;
  fs::remove(log, ignored);
}
