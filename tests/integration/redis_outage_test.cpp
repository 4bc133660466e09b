// The whole pipeline while Redis goes away and comes back empty, and while
// Redis is slow: the lists end exact, memory stays bounded, nothing is
// committed before it is stored.
#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <sstream>
#include <thread>

#include <hiredis/hiredis.h>

#include "actors/redis/list_store.hpp"
#include "app/http/metrics_text.hpp"
#include "tests/support/kafka_pipeline.hpp"
#include "tests/support/pipeline_probe.hpp"
#include "tests/support/stored_lists.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

using steady = std::chrono::steady_clock;

/// Each partition's messages cut in two at the middle.
std::pair<test::partitioned_stream, test::partitioned_stream>
halves(const test::partitioned_stream& stream) {
  test::partitioned_stream front;
  test::partitioned_stream back;
  for (const auto& partition : stream.partitions) {
    auto middle = partition.begin()
                  + static_cast<std::ptrdiff_t>(partition.size() / 2);
    front.partitions.emplace_back(partition.begin(), middle);
    back.partitions.emplace_back(middle, partition.end());
  }
  return {std::move(front), std::move(back)};
}

/// The messages published before `end`.
test::partitioned_stream published_before(const test::partitioned_stream& in,
                                          instant end) {
  test::partitioned_stream out;
  for (const auto& partition : in.partitions) {
    out.partitions.emplace_back();
    for (const auto& msg : partition)
      if (msg.published < end)
        out.partitions.back().push_back(msg);
  }
  return out;
}

/// Sums a metric's samples in Prometheus text.
int64_t metric_sum(const std::string& text, const std::string& name) {
  std::istringstream lines{text};
  std::string line;
  int64_t total = 0;
  while (std::getline(lines, line))
    if (line.rfind(name + "{", 0) == 0 || line.rfind(name + " ", 0) == 0)
      total += std::stoll(line.substr(line.rfind(' ') + 1));
  return total;
}

/// Writes Redis applied since its last save: a counter every write moves.
int64_t writes_applied(redis_connection& conn) {
  auto info = conn.call({"INFO", "persistence"});
  if (!info || (*info)->type != REDIS_REPLY_STRING)
    return -1;
  std::string text{(*info)->str, (*info)->len};
  const std::string field = "rdb_changes_since_last_save:";
  auto at = text.find(field);
  return at == std::string::npos ? -1
                                 : std::stoll(text.substr(at + field.size()));
}

/// Keeps Redis holding every client's writes in pauses of 250 ms. Between
/// two pauses it waits until someone else's write went through (or a second
/// passed with none), so the pipeline moves one step each time.
class write_pauser {
public:
  explicit write_pauser(const test::redis_server& redis)
    : thread_([this, conn = redis.connect()]() mutable { run(conn); }) {
  }
  ~write_pauser() {
    running_ = false;
    thread_.join();
  }
  write_pauser(const write_pauser&) = delete;
  write_pauser& operator=(const write_pauser&) = delete;

  /// Pauses Redis confirmed, and pauses it refused or failed to answer.
  int64_t pauses() const {
    return pauses_;
  }
  int64_t refusals() const {
    return refusals_;
  }

private:
  void run(redis_connection& conn) {
    while (running_) {
      auto paused = conn.call({"CLIENT", "PAUSE", "250", "WRITE"});
      if (!paused || (*paused)->type != REDIS_REPLY_STATUS
          || std::string{(*paused)->str} != "OK") {
        ++refusals_;
        return;
      }
      ++pauses_;
      // A write of its own returns only when the pause is over.
      conn.call({"SET", "outage-test:pauser", "1"});
      auto before = writes_applied(conn);
      test::wait_until(
        1s, [&] { return !running_ || writes_applied(conn) != before; }, 5ms);
    }
  }

  std::atomic<bool> running_{true};
  std::atomic<int64_t> pauses_{0};
  std::atomic<int64_t> refusals_{0};
  std::thread thread_;
};

size_t total_size(const std::map<partition_ref, std::vector<instant>>& xs) {
  size_t n = 0;
  for (const auto& [ref, stamps] : xs)
    n += stamps.size();
  return n;
}

} // namespace

TEST_CASE_METHOD(test::kafka_pipeline_fixture,
                 "Redis restarted empty mid-stream gets every list back, "
                 "memory stays bounded and nothing unstored is committed",
                 "[integration][kafka][outage]") {
  const std::string group = "outage-group";
  auto s = settings(group);
  s.kafka.max_in_flight = 64;
  s.kafka.batch_size = 32;
  auto p = start(s);
  test::pipeline_probe probe{*system, p};
  auto first = p.sealed_through.next();
  auto second = first.next();
  auto third = second.next();
  auto sealed = test::make_adversarial_stream(51, p.calendar, first, 80);
  // Without what would seal the third day: a seal in progress holds
  // barriers back by itself, and the outage must be what holds commits.
  auto open = published_before(
    test::make_adversarial_stream(52, p.calendar, third, 80).open_days,
    p.calendar.seal_of(third));
  auto [edits_before, edits_after] = halves(sealed.after_seal);
  auto [open_before, open_during] = halves(open);
  auto expected = test::rank_open_days(sealed.open_days, p.calendar, s.ranking);
  test::apply_after_seal(expected, edits_before, s.ranking.list_size);
  auto open_expected = test::rank_open_days(open, p.calendar, s.ranking);
  auto slack = test::late_deletes(sealed.open_days, p.calendar);

  // Two days sealed, their final lists and the marker stored, then edited;
  // half of the next two days' traffic is in.
  produce(sealed.open_days);
  heartbeat(p.calendar.seal_of(second) + 1s);
  REQUIRE(test::wait_until(30s, [&] {
    return redis.get(sealed_through_key) == second.to_string();
  }));
  produce(edits_before);
  produce(open_before);
  if (!wait_for_lists(expected, {first, second}, true, 30s, slack))
    FAIL(last_mismatch());
  REQUIRE(test::wait_until(30s, [&] {
    return probe.consumed() == static_cast<int64_t>(total_size(produced));
  }));

  // Only the open days change during the outage: the sealed days' lists and
  // the marker can come back only from what the writer remembers.
  redis.stop();
  auto outage_start = steady::now();
  // What each internal partition had read when Redis went away: whatever
  // it reads later has effects Redis cannot hold.
  std::map<int32_t, int64_t> read_before;
  for (const auto& stats : probe.partitions())
    if (test::figure(stats, "internal") == 1)
      read_before[std::stoi(stats.name.substr(stats.name.rfind('/') + 1))]
        = test::figure(stats, "position");
  REQUIRE(read_before.size() == 12);
  produce(open_during);
  // The writer learns of the outage at its next write, and its figures are
  // a snapshot: from then on it must stay disconnected.
  REQUIRE(
    test::wait_until(10s, [&] { return probe.writer("connected") == 0; }));
  std::set<day_key> all_days{first, second, third, third.next()};
  for (const auto* oracle : {&expected, &open_expected})
    for (const auto& [day, lists] : *oracle)
      all_days.insert(day);
  const auto days = static_cast<int64_t>(all_days.size());
  int64_t most_pending = 0;
  bool all_consumed = false;
  // Check the bounds throughout the outage, for at least 10 s.
  test::wait_until(
    30s,
    [&] {
      auto pending = probe.writer("pending_lists");
      most_pending = std::max(most_pending, pending);
      INFO("days " << days);
      REQUIRE(pending <= days);
      REQUIRE(probe.writer("pending_ops") <= days);
      REQUIRE(probe.writer("connected") == 0);
      for (const auto& stats : probe.partitions()) {
        INFO(stats.name);
        REQUIRE(test::figure(stats, "in_flight") <= s.kafka.max_in_flight);
      }
      // No event read during the outage is committed: its effect is not
      // stored. (A source partition's effect is its copy in the internal
      // topic, which is stored: its commits go on.)
      for (const auto& [partition, position] : read_before) {
        INFO("internal partition " << partition);
        REQUIRE(kafka.committed(group, s.kafka.internal_topic(), partition)
                <= position);
      }
      all_consumed = all_consumed
                     || probe.consumed()
                          == static_cast<int64_t>(total_size(produced));
      return all_consumed && steady::now() - outage_start >= 10s;
    },
    100ms);
  // Events kept flowing, and the writer held lists for Redis.
  REQUIRE(all_consumed);
  CHECK(most_pending > 0);
  CHECK(probe.writer("connection_errors") > 0);

  redis.start(); // a new process without persistence: empty
  auto restart = steady::now();
  auto marker_back = [&] {
    caf::scoped_actor self{*system};
    day_key sealed_through;
    self->request(p.tasks, 10s, caf::get_atom_v, sealed_atom_v)
      .receive([&](day_key day) { sealed_through = day; },
               [&](caf::error& err) { FAIL(caf::to_string(err)); });
    return redis.get(sealed_through_key) == sealed_through.to_string();
  };
  if (!wait_for_lists(expected, {first, second}, true, 30s, slack))
    FAIL(last_mismatch());
  if (!wait_for_lists(open_expected, {third, third.next()}, false, 30s))
    FAIL(last_mismatch());
  REQUIRE(test::wait_until(10s, marker_back));
  // So is the first day ranked: earlier days read as unknown, not as
  // empty and final.
  CHECK(redis.get(tracked_since_key).has_value());
  WARN("lists and marker back "
       << std::chrono::duration_cast<std::chrono::milliseconds>(steady::now()
                                                                - restart)
            .count()
       << " ms after Redis restarted");
  CHECK(probe.writer("restores") > 0);
  // The twelve partitions' writers share one connection: the one writer
  // that found it broken told the others, and each wrote its lists back.
  CHECK(probe.tasks("redis_connections") == 1);

  // Later edits apply to the restored lists.
  produce(edits_after);
  test::apply_after_seal(expected, edits_after, s.ranking.list_size);
  if (!wait_for_lists(expected, {first, second}, true, 30s, slack))
    FAIL(last_mismatch());

  // Commits catch up once everything is stored again.
  REQUIRE(test::wait_until(30s, [&] {
    for (const auto& [ref, stamps] : produced)
      if (kafka.committed(group, ref.topic, ref.partition)
          != static_cast<int64_t>(stamps.size()))
        return false;
    return true;
  }));
  CHECK(stop_pipeline(*system, p, 30s));
}

TEST_CASE_METHOD(test::kafka_pipeline_fixture,
                 "with Redis pausing its writes the lists end exact, pending "
                 "state stays bounded and the partitions' figures count "
                 "their pauses for /metrics",
                 "[integration][kafka][outage]") {
  auto s = settings("slow-group");
  // One full pull takes every credit: a partition pauses whenever the
  // shards have not answered by its next pull, however fast the machine.
  s.kafka.max_in_flight = 32;
  s.kafka.batch_size = 32;
  auto p = start(s);
  test::pipeline_probe probe{*system, p};
  auto first = p.sealed_through.next();
  auto second = first.next();
  auto stream = test::make_adversarial_stream(61, p.calendar, first, 150);
  auto expected = test::rank_open_days(stream.open_days, p.calendar, s.ranking);
  auto slack = test::late_deletes(stream.open_days, p.calendar);

  write_pauser pauser{redis};
  std::set<day_key> all_days{first, second};
  for (const auto& [day, lists] : expected)
    all_days.insert(day);
  const auto days = static_cast<int64_t>(all_days.size());
  auto bounded_and = [&](auto&& done) {
    return [&, done] {
      REQUIRE(probe.writer("pending_lists") <= days);
      REQUIRE(probe.writer("pending_ops") <= days);
      for (const auto& stats : probe.partitions())
        REQUIRE(test::figure(stats, "in_flight") <= s.kafka.max_in_flight);
      return done();
    };
  };
  produce(stream.open_days);
  REQUIRE(test::wait_until(60s, bounded_and([&] {
                             return test::list_mismatch(
                                      redis, expected, {first, second},
                                      test::reserve_check::none)
                               .empty();
                           }),
                           100ms));
  heartbeat(p.calendar.seal_of(second) + 1s);
  REQUIRE(test::wait_until(30s, bounded_and([&] {
                             return redis.get(sealed_through_key)
                                    == second.to_string();
                           }),
                           100ms));
  produce(stream.after_seal);
  test::apply_after_seal(expected, stream.after_seal, s.ranking.list_size);
  if (!wait_for_lists(expected, {first, second}, true, 30s, slack))
    FAIL(last_mismatch());
  // The pauses were felt: Redis confirmed them, and the next pause starts as
  // soon as one write went through, so the writer's next write waits for
  // most of a pause (a loopback write takes about a millisecond).
  CHECK(pauser.refusals() == 0);
  CHECK(pauser.pauses() > 0);
  CHECK(probe.writer("max_latency_us") >= 20'000);

  stats_snapshot snapshot;
  snapshot.actors = probe.partitions();
  auto metrics = render_metrics(snapshot);
  CHECK(metric_sum(metrics, "hot_articles_partition_pauses_total") > 0);
  CHECK_THAT(metrics, Catch::Contains("hot_articles_partition_paused{"));
  CHECK(stop_pipeline(*system, p, 30s));
}
