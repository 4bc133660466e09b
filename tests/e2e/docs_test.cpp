// The commands of README.md and docs/*.md, run as written against an
// embedded daemon: its mock cluster (for kcat), a real Redis, HTTP.
#include <catch2/catch.hpp>

#include <signal.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/e2e/doc_scripts.hpp"
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/e2e/process.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/wait.hpp"

using namespace hot::test;
using namespace std::chrono_literals;

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in{path};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// docs/operations.md first: its kcat recipe feeds what the others show.
std::vector<std::filesystem::path> documents() {
  std::filesystem::path root{HOT_SOURCE_DIR};
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator{root / "docs"})
    if (entry.path().extension() == ".md")
      out.push_back(entry.path());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    auto first = [](const auto& p) { return p.filename() != "operations.md"; };
    return std::make_pair(first(a), a) < std::make_pair(first(b), b);
  });
  out.push_back(root / "README.md");
  return out;
}

std::string doc_name(const std::filesystem::path& path) {
  return std::filesystem::relative(path, HOT_SOURCE_DIR).string();
}

// The mock cluster's address, from the daemon's "EMBEDDED MODE" log line.
std::string embedded_bootstraps(const child_process& daemon) {
  auto out = daemon.output();
  auto at = out.find("MOCK cluster (");
  auto end = out.find(')', at);
  if (at == std::string::npos || end == std::string::npos)
    return {};
  at += std::string{"MOCK cluster ("}.size();
  return out.substr(at, end - at);
}

} // namespace

TEST_CASE("every sh block of the documentation is run or says why not",
          "[e2e][docs]") {
  for (const auto& path : documents()) {
    auto blocks = read_doc_blocks(doc_name(path), read_text(path));
    for (size_t i = 0; i < blocks.size(); ++i) {
      const auto& b = blocks[i];
      // The README's first block is the build and test commands: the
      // suite itself (.ci/run runs the second).
      if (b.info != "sh" || (b.file == "README.md" && i == 0))
        continue;
      INFO(b.file << ":" << b.line << ":\n" << b.text);
      CHECK(!b.marker.empty());
    }
  }
}

TEST_CASE("documented commands run as written", "[e2e][docs]") {
  redis_server redis;
  auto http_port = free_port();
  auto admin_port = free_port();
  char pattern[] = "/tmp/hot-docs-XXXXXX";
  std::filesystem::path dir = ::mkdtemp(pattern);
  child_process daemon{{bin("hot-articles"), "--embedded.rate=0",
                        "--kafka.dead-letter-topic=board-dead-letter",
                        "--redis.port=" + std::to_string(redis.port()),
                        "--http.host=127.0.0.1",
                        "--http.port=" + std::to_string(http_port),
                        "--admin.port=" + std::to_string(admin_port)},
                       (dir / "daemon.log").string()};
  std::string bootstraps;
  REQUIRE(wait_until(20s, [&] {
    bootstraps = embedded_bootstraps(daemon);
    return !bootstraps.empty();
  }));
  daemon_run ports{nullptr, http_port, admin_port};
  INFO(daemon.output());
  REQUIRE(wait_until(60s, [&] { return ports.get("/health").status == 200; }));

  auto http = "127.0.0.1:" + std::to_string(http_port);
  auto admin = "127.0.0.1:" + std::to_string(admin_port);
  auto bin_dir = std::filesystem::path{bin("hot-articles")}.parent_path();
  std::vector<std::pair<std::string, std::string>> replace{
    {"localhost:8080", http},
    {"localhost:8081", admin},
    {"127.0.0.1:8081", admin},
    {"localhost:9092", bootstraps},
    {"redis-cli ", "redis-cli -p " + std::to_string(redis.port()) + " "},
    {"build/bin/", bin_dir.string() + "/"}};
  int ran = 0;
  for (const auto& path : documents()) {
    auto blocks = read_doc_blocks(doc_name(path), read_text(path));
    for (const auto& [name, script] : doc_scripts(blocks, replace)) {
      auto result = run_command(
        {"bash", "-c", std::string{"cd " HOT_SOURCE_DIR "\n"} + script}, 90s);
      INFO(doc_name(path) << ", script " << name << ":\n"
                          << script << "\nits output:\n"
                          << result.output);
      CHECK(result.exit_code == 0);
      ++ran;
    }
  }
  CHECK(ran >= 8);
  daemon.signal(SIGTERM);
  CHECK(daemon.wait(30s) == 0);
  std::filesystem::remove_all(dir);
}
