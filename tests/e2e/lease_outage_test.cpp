// A Redis outage longer than half the lease's TTL, Redis coming back empty:
// the holder stays up with its writes held, takes the lease back and
// restores every list.
#include <catch2/catch.hpp>

#include <thread>

#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace hot::test;
using namespace std::chrono_literals;

namespace {

bool logged(const daemon_run& daemon, const std::string& text) {
  return daemon.process->output().find(text) != std::string::npos;
}

} // namespace

TEST_CASE("a holder outlives a Redis outage with the lease on and restores "
          "what Redis lost",
          "[e2e][lease]") {
  e2e_fixture f;
  // The lease's defaults (the fixture shortens them for take-over tests).
  auto daemon = f.start_daemon("outage", {"--lease.ttl=10s",
                                          "--lease.renew-interval=2s"});
  // 15000 events at 1000 per second: Redis is away for most of them.
  auto generator = f.start_generator(15000, 33, 1000);
  REQUIRE(wait_until(
    30s, [&] { return !f.stored_days().empty(); }, 100ms));
  REQUIRE(generator->running());

  f.redis.stop();
  auto stopped = std::chrono::steady_clock::now();
  // Past half the TTL the lease is unknown: not ready, writes held, alive.
  CHECK(wait_until(15s, [&] {
    auto health = daemon.get("/health").json();
    return health.is_object() && health["checks"]["lease"]["ok"] == false;
  }));
  auto health = daemon.get("/health");
  CHECK(health.status == 503);
  CHECK_THAT(health.json()["checks"]["lease"]["detail"].get<std::string>(),
             Catch::StartsWith("unknown"));
  // The outage lasts at least 10 s, longer than the whole TTL.
  std::this_thread::sleep_until(stopped + 10s);
  CHECK(daemon.process->running());
  CHECK(generator->running());
  f.redis.start();

  REQUIRE(generator->wait(30s) == 0);
  auto expected = f.expected_lists();
  auto mismatch = f.wait_for_lists(expected, 20s);
  bool equal = mismatch.empty();
  INFO("first difference: " << mismatch << "\ndaemon's log:\n"
                            << daemon.process->output());
  CHECK(equal);
  CHECK(wait_until(10s, [&] { return daemon.get("/health").status == 200; }));
  // The same process all along: it never exited, and took the key back.
  CHECK(daemon.process->running());
  CHECK(logged(daemon, "took it again"));
  CHECK_FALSE(logged(daemon, "exiting at once"));
}
