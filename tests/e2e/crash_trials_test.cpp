// SIGKILL at random moments: two daemons share the work; while
// hot-articles-gen is still producing, one of them is killed, restarted,
// maybe killed again during its restart, and the other takes over and gives
// back its partitions each time; in the end every day's list must be the
// oracle's. HOT_KILL_TRIALS sets the
// number of trials (5 by default), HOT_KILL_SEED the first seed.
#include <catch2/catch.hpp>

#include <signal.h>

#include <cstdlib>
#include <iostream>
#include <random>

#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace hot::test;
using namespace std::chrono_literals;

namespace {

using ms = std::chrono::milliseconds;

uint64_t env_number(const char* name, uint64_t fallback) {
  const char* text = std::getenv(name);
  return text != nullptr ? std::strtoull(text, nullptr, 10) : fallback;
}

// Shorter group timing than the daemon's defaults: a killed member leaves
// the group within seconds.
const std::vector<std::string> fast_recovery{
  "--kafka.property.session.timeout.ms=3000",
  "--kafka.property.heartbeat.interval.ms=500",
};

ms random_ms(std::mt19937_64& rng, int64_t from, int64_t to) {
  return ms{std::uniform_int_distribution<int64_t>{from, to}(rng)};
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
    .count();
}

void kill_now(daemon_run& daemon) {
  // It must still be running: a daemon that ended on its own failed.
  INFO("daemon log:\n" << daemon.process->output());
  REQUIRE(daemon.process->running());
  daemon.process->signal(SIGKILL);
  auto code = daemon.process->wait(10s);
  REQUIRE(code.has_value());
  CHECK(*code == 128 + SIGKILL);
}

} // namespace

TEST_CASE("SIGKILL at random moments of one of two instances while events "
          "arrive loses nothing and counts nothing twice, on every day",
          "[e2e][crash]") {
  auto trials = env_number("HOT_KILL_TRIALS", 5);
  auto first_seed = env_number("HOT_KILL_SEED", std::random_device{}());
  std::cout << "crash trials: " << trials << ", first seed " << first_seed
            << " (HOT_KILL_SEED=" << first_seed << " repeats them)"
            << std::endl;
  uint64_t passed = 0;
  for (uint64_t trial = 0; trial < trials; ++trial) {
    auto seed = first_seed + trial;
    INFO("trial " << trial + 1 << " of " << trials << ", seed " << seed);
    std::mt19937_64 rng{seed};
    auto started = std::chrono::steady_clock::now();
    e2e_fixture f;
    const std::string group = "trial";
    auto daemon = f.start_daemon(group, fast_recovery);
    auto other = f.start_daemon(group, fast_recovery);
    // 6000 events at 2000 per second: three seconds of traffic.
    auto generator = f.start_generator(6000, seed, 2000);
    auto first_kill = random_ms(rng, 100, 2500);
    std::this_thread::sleep_for(first_kill);
    bool generating = generator->running();
    kill_now(daemon);
    daemon = f.start_daemon(group, fast_recovery, false);
    // Half the trials kill the restarted daemon again, at any moment of its
    // start, replay or catch-up.
    bool twice = rng() % 2 == 0;
    auto second_kill = random_ms(rng, 0, 5000);
    if (twice) {
      std::this_thread::sleep_for(second_kill);
      kill_now(daemon);
      daemon = f.start_daemon(group, fast_recovery, false);
    }
    REQUIRE(generator->wait(60s) == 0);
    auto expected = f.expected_lists();
    REQUIRE(!expected.empty());
    auto mismatch = f.wait_for_lists(expected, 90s);
    bool equal = mismatch.empty();
    INFO("first difference: " << mismatch << "\ndaemon log:\n"
                              << daemon.process->output() << "\nother log:\n"
                              << other.process->output());
    CHECK(generating);
    CHECK(equal);
    CHECK(wait_until(
      30s, [&] { return f.all_committed(group); }, 250ms));
    CHECK(daemon.process->running());
    CHECK(other.process->running());
    if (equal && generating)
      ++passed;
    std::cout << "trial " << trial + 1 << "/" << trials << " seed " << seed
              << ": killed " << first_kill.count() << " ms into the traffic"
              << (twice ? ", again " + std::to_string(second_kill.count())
                            + " ms after the restart"
                        : std::string{})
              << "; " << expected.size() << " day(s) "
              << (equal ? "equal to the oracle" : "DIFFERENT") << " after "
              << seconds_since(started) << " s" << std::endl;
  }
  std::cout << "crash trials passed: " << passed << "/" << trials << std::endl;
  CHECK(passed == trials);
}
