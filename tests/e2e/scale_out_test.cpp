// Several daemons in one consumer group share the work through the
// internal by-article topic: churn, a frozen owner, and the same lists
// whatever the group's size.
#include <catch2/catch.hpp>

#include <algorithm>

#include <signal.h>

#include <map>

#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace hot::test;
using namespace std::chrono_literals;

namespace {

int64_t consumed(const daemon_run& daemon) {
  return metric_sum(daemon, "hot_articles_events_consumed_total");
}

bool served_zset(const std::string& key) {
  return key.rfind("hot-article::list::", 0) == 0
         || key.rfind("hot-article::boards::", 0) == 0
         || (key.rfind("hot-article::board::", 0) == 0
             && key.find("::list::") != std::string::npos);
}

bool served_hash(const std::string& key) {
  return key.rfind("hot-article::meta::", 0) == 0
         || (key.rfind("hot-article::board::", 0) == 0
             && key.find("::meta::") != std::string::npos);
}

// Every served list and its meta, the day's and each board's, and the
// day's active boards, as Redis holds them.
std::map<std::string, std::string> served_keys(redis_server& redis) {
  std::map<std::string, std::string> out;
  auto conn = redis.connect();
  auto reply = conn.call({"KEYS", "hot-article::*"});
  REQUIRE(reply);
  for (size_t i = 0; i < (*reply)->elements; ++i) {
    std::string key{(*reply)->element[i]->str, (*reply)->element[i]->len};
    std::string text;
    if (served_zset(key)) {
      for (const auto& [member, score] : redis.zset(key))
        text += member + "=" + std::to_string(score) + ";";
    } else if (served_hash(key)) {
      for (const auto& [field, value] : redis.hash(key))
        text += field + "=" + value + ";";
    } else {
      continue;
    }
    out[key] = text;
  }
  return out;
}

void stop(daemon_run& daemon) {
  daemon.process->signal(SIGTERM);
  CHECK(daemon.process->wait(60s) == 0);
}

} // namespace

TEST_CASE("three instances share the work, and one killed, one added and one "
          "stopped mid-stream still end with the oracle's lists",
          "[e2e][scale]") {
  e2e_fixture f;
  const std::string group = "churn";
  auto a = f.start_daemon(group);
  auto b = f.start_daemon(group);
  auto c = f.start_daemon(group);
  REQUIRE(wait_until(60s, [&] {
    return owned_partitions(a) > 0 && owned_partitions(b) > 0
           && owned_partitions(c) > 0
           && owned_partitions(a) + owned_partitions(b) + owned_partitions(c)
                == 12;
  }));
  // 20 000 events at 1000 per second: long enough for the group to drop a
  // (a 6 s session) and take d in while events still arrive.
  auto generator = f.start_generator(20'000, 5, 1000);
  REQUIRE(wait_until(60s, [&] {
    return consumed(a) > 0 && consumed(b) > 0 && consumed(c) > 0;
  }));
  REQUIRE(generator->running());
  a.process->signal(SIGKILL);
  REQUIRE(a.process->wait(10s) == 128 + SIGKILL);
  auto d = f.start_daemon(group, {}, false);
  // The added instance has joined once the group gave it partitions.
  REQUIRE(wait_until(60s, [&] { return owned_partitions(d) > 0; }));
  CHECK(generator->running());
  stop(b);
  REQUIRE(generator->wait(60s) == 0);
  auto expected = f.expected_lists();
  REQUIRE(!expected.empty());
  auto mismatch = f.wait_for_lists(expected, 120s);
  INFO("first difference: " << mismatch << "\nc:\n"
                            << c.process->output() << "\nd:\n"
                            << d.process->output());
  CHECK(mismatch.empty());
  CHECK(wait_until(
    60s, [&] { return f.all_committed(group); }, 250ms));
  // The two that are left split the internal partitions, and each applied
  // events to its own articles.
  CHECK(wait_until(30s, [&] {
    return owned_partitions(c) + owned_partitions(d) == 12;
  }));
  CHECK(owned_partitions(c) > 0);
  CHECK(owned_partitions(d) > 0);
  CHECK(metric_sum(c, "hot_articles_events_applied_total") > 0);
  CHECK(metric_sum(d, "hot_articles_events_applied_total") > 0);
  CHECK(metric_sum(c, "hot_articles_fenced_writes_total") == 0);
  stop(c);
  stop(d);
}

TEST_CASE("an owner frozen past its session timeout has its writes refused "
          "when it wakes, and the lists stay the oracle's",
          "[e2e][scale]") {
  e2e_fixture f;
  const std::string group = "frozen";
  auto a = f.start_daemon(group);
  auto b = f.start_daemon(group);
  REQUIRE(wait_until(60s, [&] {
    return owned_partitions(a) > 0 && owned_partitions(b) > 0;
  }));
  auto generator = f.start_generator(16'000, 7, 1000);
  REQUIRE(wait_until(60s, [&] { return consumed(a) > 0; }));
  REQUIRE(generator->running());
  a.process->signal(SIGSTOP);
  // The group gives a's partitions to b once a's session has expired; b
  // claims them in Redis, raising their epochs.
  auto frozen_at = std::chrono::steady_clock::now();
  REQUIRE(wait_until(60s, [&] { return owned_partitions(b) == 12; }));
  auto taken = std::chrono::steady_clock::now() - frozen_at;
  WARN("b owned every partition "
       << std::chrono::duration_cast<std::chrono::milliseconds>(taken).count()
       << " ms after a froze");
  // a wakes with events of its former partitions still in hand: whatever
  // it writes of them is refused.
  a.process->signal(SIGCONT);
  CHECK(wait_until(30s, [&] {
    return metric_sum(a, "hot_articles_fenced_writes_total") > 0;
  }));
  CHECK_THAT(a.process->output(),
             Catch::Contains("another instance owns the partition now"));
  REQUIRE(generator->wait(60s) == 0);
  auto expected = f.expected_lists();
  auto mismatch = f.wait_for_lists(expected, 120s);
  INFO("first difference: " << mismatch << "\na:\n"
                            << a.process->output() << "\nb:\n"
                            << b.process->output());
  CHECK(mismatch.empty());
  CHECK(metric_sum(b, "hot_articles_fenced_writes_total") == 0);
  CHECK(wait_until(
    60s, [&] { return f.all_committed(group); }, 250ms));
  stop(a);
  stop(b);
}

TEST_CASE("one, two and three instances store byte-identical lists and meta, "
          "the day's and each board's, for the same input",
          "[e2e][scale]") {
  e2e_fixture f;
  f.generate(6000, 13);
  auto expected = f.expected_lists();
  REQUIRE(!expected.empty());
  std::map<std::string, std::string> first;
  for (int size = 1; size <= 3; ++size) {
    INFO(size << " instance(s)");
    f.redis.connect().call({"FLUSHALL"});
    auto group = "size-" + std::to_string(size);
    std::vector<daemon_run> daemons;
    for (int i = 0; i < size; ++i)
      daemons.push_back(
        f.start_daemon(group, {"--ranking.boards.enabled=true"}, false));
    CHECK(f.wait_for_lists(expected, 120s).empty());
    CHECK(wait_until(
      60s, [&] { return f.all_committed(group); }, 250ms));
    auto stored = served_keys(f.redis);
    CHECK(!stored.empty());
    CHECK(std::any_of(stored.begin(), stored.end(), [](const auto& kv) {
      return kv.first.rfind("hot-article::board::", 0) == 0;
    }));
    if (size == 1)
      first = stored;
    else
      CHECK(stored == first);
    for (auto& daemon : daemons)
      stop(daemon);
  }
}

TEST_CASE("a second instance on a host with a port in use stops and names "
          "the option to set",
          "[e2e][scale]") {
  e2e_fixture f;
  auto a = f.start_daemon("ports");
  for (const auto& [option, port] :
       {std::pair<std::string, uint16_t>{"http.port", a.http_port},
        {"admin.port", a.admin_port}}) {
    INFO(option);
    auto b = f.start_daemon(
      "ports", {"--" + option + "=" + std::to_string(port)}, false);
    CHECK(b.process->wait(30s) == 1);
    CHECK_THAT(b.process->output(), Catch::Contains("Address already in use")
                                      && Catch::Contains("set " + option));
  }
  stop(a);
}
