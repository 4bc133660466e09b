// A second daemon of the same group: it waits as a standby (no consumer, no
// writes) while the first holds the instance lease, and takes over within
// the lease's TTL when the first dies.
#include <catch2/catch.hpp>

#include <signal.h>

#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace hot::test;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

bool logged(const daemon_run& daemon, const std::string& text) {
  return daemon.process->output().find(text) != std::string::npos;
}

// The lease keeper's own view, from the admin interface.
std::string lease_role(const daemon_run& daemon) {
  auto actor = daemon.admin("/admin/v1/actors/instance%20lease").json();
  if (!actor.is_object() || !actor.contains("detail"))
    return {};
  return actor["detail"].value("role", "");
}

} // namespace

TEST_CASE("a second instance stays a standby that writes nothing, and takes "
          "over within the lease TTL when the first is killed",
          "[e2e][lease]") {
  e2e_fixture f;
  const std::string group = "pair";
  auto a = f.start_daemon(group);
  // 9000 events at 1500 per second: six seconds of traffic.
  auto generator = f.start_generator(9000, 21, 1500);
  REQUIRE(wait_until(30s, [&] {
    return a.get("/metrics").body.find("hot_articles_events_consumed_total")
           != std::string::npos;
  }));

  {
    INFO("a second instance joins mid-stream and waits");
    auto b = f.start_daemon(group, {}, false);
    REQUIRE(wait_until(30s, [&] { return logged(b, "lease: standby"); }));
    CHECK(wait_until(10s, [&] { return lease_role(b) == "standby"; }));
    auto health = b.get("/health");
    CHECK(health.status == 503);
    CHECK(health.json()["ready"] == false);
    CHECK(health.json()["status"] == "standby");
    CHECK(health.json()["checks"]["lease"]["ok"] == false);
    CHECK(lease_role(a) == "active");
    // A standby has no consumer (the group keeps its one member) and no
    // Redis writer.
    CHECK_FALSE(logged(b, "kafka: subscribed"));
    CHECK_FALSE(logged(b, "redis: connected"));
    b.process->signal(SIGTERM);
    CHECK(b.process->wait(10s) == 0);
    CHECK(logged(b, "stopped while standby"));
    CHECK_FALSE(logged(a, "revoked"));
    CHECK(a.get("/health").status == 200);
  }

  INFO("a standby takes over when the active instance is killed");
  auto b = f.start_daemon(group, {}, false);
  REQUIRE(wait_until(30s, [&] { return logged(b, "lease: standby"); }));
  REQUIRE(generator->running());
  a.process->signal(SIGKILL);
  REQUIRE(a.process->wait(10s) == 128 + SIGKILL);
  auto killed = std::chrono::steady_clock::now();
  // The lease lives 3 s past its last renewal; a standby tries every
  // 500 ms.
  CHECK(wait_until(6s, [&] { return logged(b, "lease: this instance"); }));
  auto took_over = std::chrono::steady_clock::now() - killed;
  INFO(
    "took over after "
    << std::chrono::duration_cast<std::chrono::milliseconds>(took_over).count()
    << " ms");
  CHECK(took_over >= 2s);
  REQUIRE(generator->wait(60s) == 0);
  auto expected = f.expected_lists();
  auto mismatch = f.wait_for_lists(expected, 90s);
  bool equal = mismatch.empty();
  INFO("first difference: " << mismatch << "\nstandby's log:\n"
                            << b.process->output());
  CHECK(equal);
  CHECK(wait_until(
    30s, [&] { return f.all_committed(group); }, 250ms));
  CHECK(lease_role(b) == "active");
  CHECK(b.get("/health").status == 200);
}

TEST_CASE("an active instance whose lease is taken stops at once without "
          "flushing",
          "[e2e][lease]") {
  e2e_fixture f;
  auto a = f.start_daemon("fenced");
  auto conn = f.redis.connect();
  REQUIRE(conn.call({"SET", "hot-article::lease::fenced", "intruder"}));
  auto code = a.process->wait(10s);
  REQUIRE(code);
  CHECK(*code == 3);
  CHECK(logged(a, "lost hot-article::lease::fenced: it is held by intruder"));
  CHECK_FALSE(logged(a, "stopped: everything stored"));
}
