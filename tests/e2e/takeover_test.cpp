// What readers see while ownership moves: the served lists, read every few
// milliseconds during a takeover, a restart, and a frozen owner waking
// behind a Redis that came back from an older snapshot.
#include <catch2/catch.hpp>

#include <signal.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "actors/redis/list_store.hpp"
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace hot::test;
using namespace std::chrono_literals;

namespace {

using served_list = std::set<std::pair<std::string, std::string>>;

// The served lists as a reader gets them: members and scores of each day.
std::map<std::string, served_list>
lists_of(const std::map<day_key, oracle_day>& expected) {
  std::map<std::string, served_list> out;
  for (const auto& [day, lists] : expected) {
    auto& list = out[list_key(day)];
    for (const auto& e : lists.list)
      list.emplace(std::to_string(e.id), std::to_string(e.score));
  }
  return out;
}

// Reads every list key every few milliseconds on a thread of its own, and
// counts the reads that differ from `expected`. A read that finds Redis
// away counts as unavailable, not as wrong.
class list_watch {
public:
  list_watch(const redis_server& redis, std::map<std::string, served_list> want)
    : settings_(redis.settings()), want_(std::move(want)) {
    thread_ = std::thread{[this] { run(); }};
  }

  ~list_watch() {
    stop();
  }

  void stop() {
    done_ = true;
    if (thread_.joinable())
      thread_.join();
  }

  uint64_t reads() const {
    return reads_;
  }

  uint64_t wrong() const {
    return wrong_;
  }

  std::string first_wrong() const {
    std::lock_guard<std::mutex> guard{mutex_};
    return first_wrong_;
  }

private:
  void run() {
    std::optional<redis_connection> conn;
    while (!done_) {
      std::this_thread::sleep_for(4ms);
      if (!conn) {
        auto opened = redis_connection::open(settings_);
        if (!opened)
          continue;
        conn.emplace(std::move(*opened));
      }
      for (const auto& [key, _] : want_)
        conn->append({"ZREVRANGE", key, "0", "-1", "WITHSCORES"});
      auto replies = conn->exchange();
      if (!replies) {
        conn.reset();
        continue;
      }
      ++reads_;
      size_t i = 0;
      for (const auto& [key, wanted] : want_) {
        const auto& reply = *(*replies)[i++];
        served_list got;
        for (size_t j = 0; j + 1 < reply.elements; j += 2)
          got.emplace(std::string{reply.element[j]->str},
                      std::string{reply.element[j + 1]->str});
        if (got == wanted)
          continue;
        if (wrong_++ == 0) {
          std::lock_guard<std::mutex> guard{mutex_};
          first_wrong_ = key + " had " + std::to_string(got.size())
                         + " members, "
                         + std::to_string(count_moved(got, wanted))
                         + " of them not the expected ones at their score";
        }
        break;
      }
    }
  }

  static size_t count_moved(const served_list& got, const served_list& want) {
    size_t moved = 0;
    for (const auto& member : got)
      moved += want.count(member) == 0 ? 1u : 0u;
    return moved;
  }

  redis_settings settings_;
  std::map<std::string, served_list> want_;
  std::atomic<bool> done_{false};
  std::atomic<uint64_t> reads_{0};
  std::atomic<uint64_t> wrong_{0};
  mutable std::mutex mutex_;
  std::string first_wrong_;
  std::thread thread_;
};

// Owns every internal partition and has published every replay.
bool caught_up_alone(const daemon_run& daemon) {
  return owned_partitions(daemon) == 12
         && metric_sum(daemon, "hot_articles_replay_offsets_left") == 0
         && daemon.get("/health").status == 200;
}

void stop(daemon_run& daemon) {
  daemon.process->signal(SIGTERM);
  CHECK(daemon.process->wait(60s) == 0);
}

} // namespace

TEST_CASE("readers never see a list go back while a killed instance's "
          "partitions are taken over, or while a lone instance restarts",
          "[e2e][scale][takeover]") {
  e2e_fixture f;
  const std::string group = "takeover";
  auto a = f.start_daemon(group);
  auto b = f.start_daemon(group);
  REQUIRE(wait_until(60s, [&] {
    return owned_partitions(a) + owned_partitions(b) == 12;
  }));
  // Thousands of articles, their scores growing as the events go on: a
  // replay that published early would show morning scores.
  f.generate(30'000, 21);
  auto expected = f.expected_lists();
  REQUIRE(!expected.empty());
  auto mismatch = f.wait_for_lists(expected, 120s);
  REQUIRE(mismatch.empty());
  REQUIRE(owned_partitions(a) > 0);

  SECTION("one of two is killed; the other takes its partitions over") {
    list_watch watch{f.redis, lists_of(expected)};
    a.process->signal(SIGKILL);
    REQUIRE(a.process->wait(10s) == 128 + SIGKILL);
    CHECK(wait_until(90s, [&] { return caught_up_alone(b); }));
    watch.stop();
    INFO("b:\n" << b.process->output());
    CHECK(watch.reads() > 500);
    CHECK(watch.wrong() == 0);
    CHECK(watch.first_wrong().empty());
    CHECK(f.lists_mismatch(expected).empty());
    stop(b);
  }
  SECTION("a lone instance is killed and restarted on its ports") {
    stop(a);
    REQUIRE(wait_until(90s, [&] { return caught_up_alone(b); }));
    list_watch watch{f.redis, lists_of(expected)};
    b.process->signal(SIGKILL);
    REQUIRE(b.process->wait(10s) == 128 + SIGKILL);
    auto again = f.restart_daemon(b, group, {}, false);
    CHECK(wait_until(90s, [&] { return caught_up_alone(again); }));
    watch.stop();
    INFO("restarted:\n" << again.process->output());
    CHECK(watch.reads() > 500);
    CHECK(watch.wrong() == 0);
    CHECK(watch.first_wrong().empty());
    CHECK(f.lists_mismatch(expected).empty());
    stop(again);
  }
}

TEST_CASE("a frozen owner that wakes behind a Redis restored from an older "
          "snapshot changes no list readers see",
          "[e2e][scale][fencing]") {
  e2e_fixture f;
  const std::string group = "snapshot";
  auto a = f.start_daemon(group);
  auto b = f.start_daemon(group);
  REQUIRE(wait_until(60s, [&] {
    return owned_partitions(a) > 0 && owned_partitions(b) > 0;
  }));
  f.generate(8'000, 31);
  REQUIRE(f.wait_for_lists(f.expected_lists(), 120s).empty());
  // The snapshot holds a's claims and the first round's lists.
  f.redis.save_snapshot();
  a.process->signal(SIGSTOP);
  REQUIRE(wait_until(90s, [&] { return caught_up_alone(b); }));
  f.generate(8'000, 32);
  auto expected = f.expected_lists();
  REQUIRE(f.wait_for_lists(expected, 120s).empty());
  // Redis comes back older: a's epochs, the first round's lists.
  f.redis.stop();
  f.redis.start();
  // The survivor writes what it holds again.
  REQUIRE(f.wait_for_lists(expected, 60s).empty());
  list_watch watch{f.redis, lists_of(expected)};
  a.process->signal(SIGCONT);
  auto woke = std::chrono::steady_clock::now();
  // a learns that it lost its partitions, and the group may hand some back
  // to it: either way, until both have settled, and for 15 s at least.
  CHECK(wait_until(90s, [&] {
    return std::chrono::steady_clock::now() - woke >= 15s
           && owned_partitions(a) + owned_partitions(b) == 12
           && metric_sum(a, "hot_articles_replay_offsets_left") == 0
           && metric_sum(b, "hot_articles_replay_offsets_left") == 0;
  }));
  CHECK(wait_until(30s, [&] { return f.lists_mismatch(expected).empty(); }));
  watch.stop();
  INFO("a:\n" << a.process->output() << "\nb:\n" << b.process->output());
  CHECK(watch.reads() > 1000);
  CHECK(watch.wrong() == 0);
  CHECK(watch.first_wrong().empty());
  CHECK(f.lists_mismatch(expected).empty());
  stop(a);
  stop(b);
  f.redis.forget_snapshot();
}
