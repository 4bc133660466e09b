// A daemon stopped or killed and started again at once on the same ports,
// the way an operator or a supervisor restarts it.
#include <catch2/catch.hpp>

#include <signal.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/e2e/e2e_fixture.hpp"
#include "tests/e2e/raw_http.hpp"
#include "tests/support/wait.hpp"

using namespace hot::test;
using namespace std::chrono_literals;

namespace {

// Sockets in TIME_WAIT (state 06) on a local loopback port, from the
// kernel's own table: what a restart has to bind past.
int time_wait_sockets(uint16_t port) {
  std::ifstream table{"/proc/net/tcp"};
  std::string line;
  std::getline(table, line); // the header
  char wanted[16];
  std::snprintf(wanted, sizeof wanted, ":%04X", port);
  int count = 0;
  while (std::getline(table, line)) {
    std::istringstream row{line};
    std::string slot, local, remote, state;
    row >> slot >> local >> remote >> state;
    if (state == "06" && local.size() > 5
        && local.compare(local.size() - 5, 5, wanted) == 0)
      ++count;
  }
  return count;
}

// Health probes and scripts ask with `Connection: close`: the server
// closes first, and its side of each connection stays in TIME_WAIT.
void ask_and_close(uint16_t port) {
  auto reply = raw_exchange("127.0.0.1", port,
                            "GET /health HTTP/1.1\r\nHost: probe\r\n"
                            "Connection: close\r\n\r\n",
                            5s);
  REQUIRE(reply.status() != 0);
}

} // namespace

TEST_CASE("a daemon restarted at once on the same ports binds, whatever "
          "TIME_WAIT its closed connections left",
          "[e2e][restart]") {
  e2e_fixture f;
  const std::string group = "restart";
  auto run = f.start_daemon(group);
  for (int sig : {SIGTERM, SIGKILL}) {
    INFO("stopped with signal " << sig);
    for (int i = 0; i < 5; ++i) {
      ask_and_close(run.http_port);
      ask_and_close(run.admin_port);
    }
    run.process->signal(sig);
    REQUIRE(run.process->wait(60s).has_value());
    // The restart below means something only while those are there.
    REQUIRE(time_wait_sockets(run.http_port) > 0);
    REQUIRE(time_wait_sockets(run.admin_port) > 0);
    auto again = f.restart_daemon(run, group, {}, false);
    INFO(again.process->output());
    REQUIRE(wait_until(60s, [&] {
      return again.get("/health").status == 200 || !again.process->running();
    }));
    REQUIRE(again.get("/health").status == 200);
    CHECK(again.admin("/admin/v1/overview").status == 200);
    run = std::move(again);
  }
  run.process->signal(SIGTERM);
  CHECK(run.process->wait(60s) == 0);
}
