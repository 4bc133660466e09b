// The whole pipeline against librdkafka's mock cluster and a real Redis:
// exact lists, backpressure, sealing, commits, restarts and crashes.
#include <catch2/catch.hpp>

#include <algorithm>

#include "actors/redis/list_store.hpp"
#include "messages/event_encoder.hpp"
#include "tests/integration/require_lists.hpp"
#include "tests/support/event_builders.hpp"
#include "tests/support/group_member.hpp"
#include "tests/support/kafka_pipeline.hpp"
#include "tests/support/pipeline_probe.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

size_t garbage_in(const test::partitioned_stream& stream) {
  size_t n = 0;
  for (const auto& partition : stream.partitions)
    for (const auto& msg : partition)
      n += msg.ev ? 0u : 1u;
  return n;
}

} // namespace

TEST_CASE_METHOD(test::kafka_pipeline_fixture,
                 "events from Kafka end as the exact lists in Redis, with "
                 "backpressure, sealing and commits",
                 "[integration][kafka]") {
  auto s = settings();
  // Few credits: partitions must pause and resume many times.
  s.kafka.max_in_flight = 64;
  s.kafka.batch_size = 32;
  auto p = start(s);
  auto first = p.sealed_through.next();
  auto second = first.next();
  auto stream = test::make_adversarial_stream(7, p.calendar, first, 150);
  auto expected = test::rank_open_days(stream.open_days, p.calendar, s.ranking);
  produce(stream.open_days);
  REQUIRE_LISTS(expected, {first, second}, false, 60s);
  CHECK(partition_figure(p, "pauses") > 0);
  CHECK(partition_figure(p, "rejected")
        == static_cast<int64_t>(garbage_in(stream.open_days)));

  // Every partition passes the second day's seal instant: both are sealed.
  heartbeat(p.calendar.seal_of(second) + 1s);
  REQUIRE(test::wait_until(30s, [&] {
    return redis.get(sealed_through_key) == second.to_string();
  }));
  REQUIRE_LISTS(expected, {first, second}, true, 30s,
                test::late_deletes(stream.open_days, p.calendar));

  produce(stream.after_seal);
  test::apply_after_seal(expected, stream.after_seal, s.ranking.list_size);
  REQUIRE_LISTS(expected, {first, second}, true, 60s,
                test::late_deletes(stream.open_days, p.calendar));

  // Commits catch up with everything, once it is stored.
  REQUIRE(test::wait_until(30s, [&] {
    for (const auto& [ref, stamps] : produced)
      if (kafka.committed("hot-article", ref.topic, ref.partition)
          != static_cast<int64_t>(stamps.size()))
        return false;
    return true;
  }));
  // Each source message was copied, compacted away (a newer count of its
  // pull superseded it) or rejected: the figures add up.
  auto accounted = [&] {
    return partition_figure(p, "rekeyed") + partition_figure(p, "compacted")
           + partition_figure(p, "rejected");
  };
  CHECK(test::wait_until(10s, [&] {
    return accounted() == partition_figure(p, "consumed");
  }));
  CHECK(stop_pipeline(*system, p, 30s));
}

TEST_CASE_METHOD(test::kafka_pipeline_fixture,
                 "a new group starts at the oldest open day, not at the end",
                 "[integration][kafka]") {
  auto s = settings("fresh-group");
  // Yesterday's traffic (sealed) and today's; nothing consumed yet.
  auto probe = start_core(*system, s);
  REQUIRE(probe);
  auto open_day = probe->sealed_through.next();
  auto replay_from = probe->calendar.start_of(open_day) - s.shards.clock_skew;
  stop_pipeline(*system, *probe, 10s);
  auto old_stream = test::make_adversarial_stream(11, probe->calendar,
                                                  open_day.plus_days(-2), 40);
  auto new_stream = test::make_adversarial_stream(12, probe->calendar, open_day,
                                                  40);
  produce(old_stream.open_days);
  produce(new_stream.open_days);
  int64_t expected = 0;
  for (const auto& [ref, stamps] : produced) {
    // Per partition: everything from the first message of the open days on.
    auto first = std::find_if(stamps.begin(), stamps.end(),
                              [&](instant t) { return t >= replay_from; });
    expected += std::distance(first, stamps.end());
  }
  REQUIRE(expected > 0);
  auto p = start(s);
  auto total = static_cast<int64_t>(old_stream.open_days.size()
                                    + new_stream.open_days.size());
  REQUIRE(test::wait_until(30s, [&] {
    return partition_figure(p, "consumed") >= expected;
  }));
  CHECK(partition_figure(p, "consumed") == expected);
  CHECK(expected < total);
  auto ranked = test::rank_open_days(new_stream.open_days, p.calendar,
                                     s.ranking);
  REQUIRE_LISTS(ranked, {open_day, open_day.next()}, false, 30s);
  stop_pipeline(*system, p, 30s);
}

TEST_CASE_METHOD(test::kafka_pipeline_fixture,
                 "a restart resumes from the committed offsets",
                 "[integration][kafka]") {
  auto s = settings("restart-group");
  auto p = start(s);
  auto first = p.sealed_through.next();
  auto second = first.next();
  auto stream = test::make_adversarial_stream(21, p.calendar, first, 80);
  auto expected = test::rank_open_days(stream.open_days, p.calendar, s.ranking);
  produce(stream.open_days);
  heartbeat(p.calendar.seal_of(second) + 1s);
  REQUIRE(test::wait_until(30s, [&] {
    return redis.get(sealed_through_key) == second.to_string();
  }));
  REQUIRE_LISTS(expected, {first, second}, true, 30s,
                test::late_deletes(stream.open_days, p.calendar));
  // A clean stop commits everything it stored.
  REQUIRE(stop_pipeline(*system, p, 30s));
  std::map<partition_ref, int64_t> committed;
  for (const auto& [ref, stamps] : produced) {
    committed[ref] = kafka.committed("restart-group", ref.topic, ref.partition);
    CHECK(committed[ref] == static_cast<int64_t>(stamps.size()));
  }

  // While it is down, the sealed lists get deletes and title updates.
  produce(stream.after_seal);
  test::apply_after_seal(expected, stream.after_seal, s.ranking.list_size);
  auto restarted = start(s);
  CHECK(restarted.sealed_through == second);
  REQUIRE_LISTS(expected, {first, second}, true, 60s,
                test::late_deletes(stream.open_days, p.calendar));

  // The source partitions resumed at their committed offsets, and read
  // nothing before: their copies are in the internal topic, whose
  // partitions rebuild the open days from there.
  int64_t expected_reads = 0;
  for (const auto& [ref, stamps] : produced)
    expected_reads += static_cast<int64_t>(stamps.size()) - committed[ref];
  REQUIRE(test::wait_until(30s, [&] {
    return partition_figure(restarted, "consumed") >= expected_reads;
  }));
  CHECK(partition_figure(restarted, "consumed") == expected_reads);
  CHECK(stop_pipeline(*system, restarted, 30s));
}

TEST_CASE_METHOD(test::kafka_pipeline_fixture,
                 "after a crash a restart ends with the same lists",
                 "[integration][kafka]") {
  auto s = settings("crash-group");
  auto p = start(s);
  auto first = p.sealed_through.next();
  auto second = first.next();
  // Megabytes per partition, within the mock's 5 MiB retention.
  auto stream = test::make_adversarial_stream(31, p.calendar, first, 3000);
  auto expected = test::rank_open_days(stream.open_days, p.calendar, s.ranking);
  // Crash in the middle: no drain, no final flush, no commit. The first
  // part is read before the crash, the rest is still to come: however
  // fast the pipeline reads, it dies with messages left uncommitted.
  auto [before_crash, after_crash] = stream.open_days.split(1.0 / 3);
  produce(before_crash);
  REQUIRE(test::wait_until(60s, [&] {
    return partition_figure(p, "consumed")
           >= static_cast<int64_t>(before_crash.size());
  }));
  for (const auto& actor : top_level_actors(p))
    caf::anon_send_exit(actor, caf::exit_reason::kill);
  caf::scoped_actor self{*system};
  for (const auto& actor : top_level_actors(p))
    self->wait_for(actor);
  // The copies' producer dies with the process.
  p.rekey_producer.reset();
  produce(after_crash);
  // It died mid-stream: messages were left uncommitted, and the restarted
  // pipeline reads them.
  int64_t left = 0;
  for (const auto& [ref, stamps] : produced)
    left += static_cast<int64_t>(stamps.size())
            - std::max<int64_t>(0, kafka.committed("crash-group", ref.topic,
                                                   ref.partition));
  REQUIRE(left > 0);

  auto restarted = start(s);
  CHECK(test::wait_until(60s, [&] {
    return partition_figure(restarted, "consumed") >= left;
  }));
  REQUIRE_LISTS(expected, {first, second}, false, 120s);
  heartbeat(p.calendar.seal_of(second) + 1s);
  REQUIRE(test::wait_until(60s, [&] {
    return redis.get(sealed_through_key) == second.to_string();
  }));
  REQUIRE_LISTS(expected, {first, second}, true, 30s,
                test::late_deletes(stream.open_days, p.calendar));
  WARN(stream.open_days.size() << " messages; crashed after "
                               << "a third, restarted, lists exact");
  CHECK(stop_pipeline(*system, restarted, 30s));
}

TEST_CASE_METHOD(test::kafka_pipeline_fixture,
                 "partitions taken by a second consumer and given back end "
                 "with the exact lists",
                 "[integration][kafka][rebalance]") {
  auto strategy = GENERATE(as<std::string>{}, "range,roundrobin",
                           "cooperative-sticky");
  INFO("assignment strategy " << strategy);
  std::string group = strategy == "cooperative-sticky" ? "coop" : "eager";
  auto s = settings(group);
  s.kafka.properties["partition.assignment.strategy"] = strategy;
  auto p = start(s);
  auto first = p.sealed_through.next();
  auto stream = test::make_adversarial_stream(41, p.calendar, first, 60);
  auto expected = test::rank_open_days(stream.open_days, p.calendar, s.ranking);
  {
    test::group_member other{
      kafka.bootstraps(), group, {{"partition.assignment.strategy", strategy}}};
    // The pipeline drains, commits and releases what the newcomer takes.
    REQUIRE(test::wait_until(60s, [&] {
      return other.assigned() > 0 && p.health->assigned < 24
             && other.assigned() + p.health->assigned == 24;
    }));
    // Traffic arrives while the partitions are split.
    produce(stream.open_days);
    other.leave();
  }
  REQUIRE(test::wait_until(60s, [&] { return p.health->assigned == 24; }));
  REQUIRE_LISTS(expected, {first, first.next()}, false, 60s);
  CHECK(source_figure(p, "rebalances") >= 3);
  CHECK(stop_pipeline(*system, p, 30s));
}

TEST_CASE_METHOD(test::kafka_pipeline_fixture,
                 "a caught-up partition's stream time trails the clock by the "
                 "idle grace, and stamps behind it are counted",
                 "[integration][kafka]") {
  auto s = settings("idle-grace");
  s.kafka.idle_grace = 10min;
  auto p = start(s);
  test::pipeline_probe probe{*system, p};
  auto stream_time = [&] {
    return instant{
      std::chrono::milliseconds{probe.directory("stream_time_ms")}};
  };
  // No traffic: every partition is caught up and follows the clock.
  auto before = now_instant();
  REQUIRE(test::wait_until(10s, [&] {
    return stream_time() >= before - s.kafka.idle_grace;
  }));
  CHECK(stream_time() <= now_instant() - s.kafka.idle_grace);

  // A producer's late retry carries a stamp the stream time has passed.
  send_inert(partition_ref{s.kafka.view_topic, 0}, now_instant() - 1h);
  send_inert(partition_ref{s.kafka.view_topic, 1}, now_instant());
  producer->flush();
  REQUIRE(test::wait_until(10s, [&] { return probe.consumed() == 2; }));
  CHECK(partition_figure(p, "behind_clock") == 1);
  CHECK(stop_pipeline(*system, p, 30s));
}

TEST_CASE_METHOD(test::kafka_pipeline_fixture,
                 "a count stamped just before the seal that arrives after one "
                 "stamped just after it is not late, within "
                 "ranking.max-disorder",
                 "[integration][kafka][disorder]") {
  auto s = settings("disorder-group");
  s.kafka.max_disorder = 5s;
  auto p = start(s);
  auto day = p.sealed_through.next();
  auto seal = p.calendar.seal_of(day);
  // An article of `day`, and two likes on one partition, their stamps out
  // of order by 200 ms across the seal: two producers, one clock fast.
  auto created = p.calendar.start_of(day) + 12h;
  auto article = test::snowflake_id(created, 1);
  auto ymd = day.ymd();
  auto created_at = test::local(static_cast<int>(ymd.year()),
                                static_cast<int>(unsigned{ymd.month()}),
                                static_cast<int>(unsigned{ymd.day()}), 12);
  auto ev = test::article_event(event_type::article_created, article,
                                created_at, test::snowflake_id(created, 2));
  const partition_ref articles{"board-article", 0};
  const partition_ref likes{"board-like", 0};
  producer->send(articles.topic, "k", encode_event(ev), created,
                 articles.partition);
  produced[articles].push_back(created);
  // Both likes happened late in the day; their records were published
  // 100 ms after and before the seal, and arrive in that order.
  auto after = seal + 100ms;
  auto before = seal - 100ms;
  auto evening = p.calendar.start_of(day) + 23h;
  auto first = test::count_event(event_type::article_liked, article, 1,
                                 test::snowflake_id(evening, 3));
  auto second = test::count_event(event_type::article_liked, article, 7,
                                  test::snowflake_id(evening, 4));
  producer->send(likes.topic, "k", encode_event(first), after, likes.partition);
  producer->send(likes.topic, "k", encode_event(second), before,
                 likes.partition);
  produced[likes].push_back(after);
  produced[likes].push_back(before);
  // Every partition a second past the seal: within the allowance, so the
  // day stays open until the stamps run 5 s past it.
  heartbeat(seal + 1s);
  size_t sent = 0;
  for (const auto& [ref, stamps] : produced)
    sent += stamps.size();
  REQUIRE(test::wait_until(30s, [&] {
    return partition_figure(p, "consumed") == static_cast<int64_t>(sent);
  }));
  CHECK(redis.get(sealed_through_key) != day.to_string());
  heartbeat(seal + 6s);
  REQUIRE(test::wait_until(30s, [&] {
    return redis.get(sealed_through_key) == day.to_string();
  }));
  auto list = redis.zset(list_key(day));
  REQUIRE(list.size() == 1);
  CHECK(list[0].first == std::to_string(article));
  // The like published before the seal counts; the one after it is late.
  CHECK(list[0].second == 7 * 3);
  CHECK(stop_pipeline(*system, p, 30s));
}
