// Every binary's command line as a user meets it: --version, a mistyped
// flag, a misspelt variable, and the startup line naming the sources.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "common/version.hpp"
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/e2e/process.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace hot::test;
using namespace std::chrono_literals;

namespace {

/// The benchmark has no sanitized twin: always the plain build's.
std::string program_path(const std::string& name) {
  return name == "hot-articles-bench" ? std::string{HOT_BIN_DIR} + "/" + name
                                      : bin(name);
}

run_result run(const std::string& name, std::vector<std::string> args) {
  args.insert(args.begin(), program_path(name));
  return run_command(std::move(args), 10s);
}

/// A config file that exists for the test's duration.
struct temp_ini {
  std::string path;

  explicit temp_ini(const std::string& text) {
    path = "/tmp/hot-cli-e2e-" + std::to_string(::getpid()) + ".ini";
    std::ofstream{path} << text;
  }

  ~temp_ini() {
    std::remove(path.c_str());
  }
};

} // namespace

TEST_CASE("every binary prints its version and refuses an unknown flag",
          "[e2e][cli]") {
  // Each with one option that needs a value, and a near miss of it.
  struct program {
    std::string name;
    std::string valued;
    std::string typo;
  };
  for (const auto& p :
       std::vector<program>{{"hot-articles", "--redis.port", "--redis.prot"},
                            {"hot-articles-gen", "--rate", "--rtae"},
                            {"hot-articles-console", "--admin", "--admni"},
                            {"hot-articles-bench", "--runs", "--rusn"}}) {
    INFO(p.name);
    auto r = run(p.name, {"--version"});
    CHECK(r.exit_code == 0);
    CHECK(r.output == p.name + " " + std::string{version()} + "\n");
    CHECK(run(p.name, {"-V"}).output == r.output);
    r = run(p.name, {"--frobnicate"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output,
               Catch::Contains("unknown option --frobnicate (see --help)"));
    r = run(p.name, {p.typo + "=1"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output,
               Catch::Contains("unknown option " + p.typo + " (did you mean "
                               + p.valued + "?)"));
    r = run(p.name, {p.valued});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(p.valued + " needs a value"));
    r = run(p.name, {"--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("--version"));
  }
}

TEST_CASE("a misspelt HOT_ARTICLES_ variable is named with the closest "
          "setting, and the script's own are not",
          "[e2e][cli]") {
  auto r = run_command(
    {"env", "HOT_ARTICLES_REDIS_PROT=7000", "HOT_ARTICLES_REDIS_PORT=7001",
     "HOT_ARTICLES_HTTP_PORT=8090", "HOT_ARTICLES_ADMIN_PORT=8091",
     "HOT_ARTICLES_IMAGE=hot-articles:dev", bin("hot-articles"),
     "--check-config"},
    10s);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("HOT_ARTICLES_REDIS_PROT names no "
                                       "setting and is ignored (did you mean "
                                       "HOT_ARTICLES_REDIS_PORT?)"));
  CHECK_THAT(r.output, Catch::Contains("redis.port = 7001"));
  CHECK_THAT(r.output, !Catch::Contains("HOT_ARTICLES_HTTP_PORT names"));
  CHECK_THAT(r.output, !Catch::Contains("HOT_ARTICLES_IMAGE names"));
}

TEST_CASE("at start the daemon warns of a misspelt variable and says where "
          "its settings came from",
          "[e2e][cli]") {
  // Nothing answers on either port: the daemon starts, logs and waits.
  auto log = "/tmp/hot-cli-e2e-" + std::to_string(::getpid()) + ".log";
  child_process daemon{
    {bin("hot-articles"),
     "--kafka.brokers=127.0.0.1:" + std::to_string(free_port()),
     "--redis.port=" + std::to_string(free_port()), "--http.port=0",
     "--admin.port=0"},
    log,
    {"HOT_ARTICLES_LOG_LEVEL=info", "HOT_ARTICLES_RDIS_HOST=localhost"}};
  CHECK(wait_until(30s, [&] {
    return daemon.output().find("; config: ") != std::string::npos;
  }));
  auto out = daemon.output();
  CHECK_THAT(out, Catch::Contains("; config: defaults + 4 command-line "
                                  "options + 1 environment variable\n"));
  CHECK_THAT(out, Catch::Contains("HOT_ARTICLES_RDIS_HOST names no setting "
                                  "and is ignored (did you mean "
                                  "HOT_ARTICLES_REDIS_HOST?)"));
  daemon.signal(SIGTERM);
  CHECK(daemon.wait(30s) == 0);
  ::unlink(log.c_str());
}

TEST_CASE("a config file's mistake is named by file, line and key, exit 2",
          "[e2e][cli]") {
  temp_ini ini{"# hot-articles, by hand\n[ranking]\nlist-ttl=10d\n"
               "list-size=20\n"};
  auto r = run("hot-articles", {"--config-file=" + ini.path, "--check-config"});
  CHECK(r.exit_code == 2);
  CHECK(r.output
        == "hot-articles: " + ini.path
             + ", line 3: ranking.list-ttl: text must be in double quotes: "
               "list-ttl=\"10d\"\n");
}

TEST_CASE("check-config refuses a librdkafka property librdkafka refuses, "
          "and so does the start",
          "[e2e][cli]") {
  auto r = run("hot-articles",
               {"--kafka.property.sasl.mechanizm=PLAIN", "--check-config"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output,
             Catch::Contains("kafka.property.sasl.mechanizm: No such "
                             "configuration property: \"sasl.mechanizm\" "
                             "(did you mean sasl.mechanisms?)"));
  CHECK_THAT(r.output, !Catch::Contains("configuration OK"));
  // Refused before anything starts: nothing listens on these ports.
  r = run("hot-articles",
          {"--kafka.property.sasl.mechanizm=PLAIN",
           "--kafka.brokers=127.0.0.1:" + std::to_string(free_port()),
           "--redis.port=" + std::to_string(free_port())});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("kafka.property.sasl.mechanizm: "));
  r = run("hot-articles", {"--kafka.property.acks=all", "--check-config"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("kafka.property.acks = \"all\""));
}

TEST_CASE("the banner's console line runs as pasted", "[e2e][cli]") {
  e2e_fixture f;
  auto daemon = f.start_daemon("banner");
  const std::string label = "  Console:   ";
  std::string line;
  REQUIRE(wait_until(30s, [&] {
    auto out = daemon.process->output();
    auto at = out.find(label);
    if (at == std::string::npos)
      return false;
    line = out.substr(at + label.size(),
                      out.find('\n', at) - at - label.size());
    return true;
  }));
  INFO(line);
  // "<path> --admin 127.0.0.1:<port>": the daemon and this test share
  // their working directory, so the path runs from here as printed.
  auto space = line.find(' ');
  REQUIRE(space != std::string::npos);
  auto console = line.substr(0, space);
  CHECK(console.find('/') != std::string::npos);
  CHECK(line.substr(space)
        == " --admin 127.0.0.1:" + std::to_string(daemon.admin_port));
  auto r = run_command({console, "--version"}, 10s);
  CHECK(r.exit_code == 0);
  CHECK(r.output == "hot-articles-console " + std::string{version()} + "\n");
}
