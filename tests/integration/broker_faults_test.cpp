// Kafka misbehaving under the pipeline: a broker down and back, requests
// failing, partition leaders moving. Processing goes on and the lists end
// exact, with every offset committed.
#include <catch2/catch.hpp>

#include <algorithm>

#include "messages/by_article.hpp"
#include "tests/integration/require_lists.hpp"
#include "tests/support/event_builders.hpp"
#include "tests/support/kafka_pipeline.hpp"
#include "tests/support/pipeline_probe.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

// Kafka protocol API keys.
constexpr int16_t produce_api = 0;
constexpr int16_t fetch_api = 1;
constexpr int16_t offset_commit_api = 8;

struct three_brokers : test::kafka_pipeline_fixture {
  three_brokers() : kafka_pipeline_fixture(3) {
  }

  /// Sends without waiting for acknowledgements: a partition whose leader
  /// is down keeps its messages in the producer until it is back.
  void send_all(const test::partitioned_stream& stream) {
    for (const auto& partition : stream.partitions)
      for (const auto& msg : partition) {
        producer->send(msg.partition.topic, "k", msg.value, msg.published,
                       msg.partition.partition);
        produced[msg.partition].push_back(msg.published);
      }
  }

  bool all_committed(const std::string& group) {
    for (const auto& [ref, stamps] : produced)
      if (kafka.committed(group, ref.topic, ref.partition)
          != static_cast<int64_t>(stamps.size()))
        return false;
    return true;
  }
};

} // namespace

TEST_CASE_METHOD(three_brokers,
                 "a broker down and back mid-stream: the other partitions "
                 "flow on, and nothing is lost",
                 "[integration][kafka][faults]") {
  auto s = settings("broker-down");
  auto p = start(s);
  auto first = p.sealed_through.next();
  auto stream = test::make_adversarial_stream(51, p.calendar, first, 120);
  auto expected = test::rank_open_days(stream.open_days, p.calendar, s.ranking);
  // The first half of every partition before the fault, the rest during.
  auto [early, late] = stream.open_days.split(0.5);
  produce(early);
  auto consumed_before = [&] { return partition_figure(p, "consumed"); };
  REQUIRE(test::wait_until(30s, [&] {
    return consumed_before() == static_cast<int64_t>(early.size());
  }));

  kafka.broker_down(2);
  auto at_down = consumed_before();
  send_all(late);
  // Partitions led by brokers 1 and 3 are still consumed.
  CHECK(test::wait_until(20s, [&] { return consumed_before() > at_down; }));
  kafka.broker_up(2);
  producer->flush();

  REQUIRE_LISTS(expected, {first, first.next()}, false, 60s);
  CHECK(test::wait_until(30s, [&] { return all_committed("broker-down"); }));
  CHECK(stop_pipeline(*system, p, 30s));
}

TEST_CASE_METHOD(three_brokers,
                 "failing fetches and commits are retried without loss",
                 "[integration][kafka][faults]") {
  auto s = settings("flaky-requests");
  auto p = start(s);
  auto first = p.sealed_through.next();
  auto stream = test::make_adversarial_stream(53, p.calendar, first, 120);
  auto expected = test::rank_open_days(stream.open_days, p.calendar, s.ranking);
  kafka.fail_requests(fetch_api, {RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                  RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
                                  RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                                  RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION});
  // librdkafka retries the first two itself; the last two reach the source
  // as failed commits, which the next commit makes good.
  kafka.fail_requests(offset_commit_api,
                      {RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                       RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
                       RD_KAFKA_RESP_ERR_OFFSET_METADATA_TOO_LARGE,
                       RD_KAFKA_RESP_ERR_INVALID_COMMIT_OFFSET_SIZE});
  produce(stream.open_days);
  REQUIRE_LISTS(expected, {first, first.next()}, false, 60s);
  CHECK(test::wait_until(30s, [&] { return all_committed("flaky-requests"); }));
  CHECK(source_figure(p, "commit_failures") > 0);
  CHECK(stop_pipeline(*system, p, 30s));
}

TEST_CASE_METHOD(three_brokers,
                 "partition leaders moving between brokers mid-stream lose "
                 "nothing",
                 "[integration][kafka][faults]") {
  auto s = settings("moving-leaders");
  auto p = start(s);
  auto first = p.sealed_through.next();
  auto stream = test::make_adversarial_stream(54, p.calendar, first, 120);
  auto expected = test::rank_open_days(stream.open_days, p.calendar, s.ranking);
  // Each partition's leader moves twice while traffic flows.
  auto move_all = [&](int32_t shift) {
    int32_t n = 0;
    for (const auto& topic : test::default_topics())
      for (int32_t partition = 0;
           partition < mock_cluster::partitions_per_topic; ++partition)
        kafka.move_leader(topic, partition, 1 + (n++ + shift) % 3);
  };
  send_all(stream.open_days);
  move_all(1);
  REQUIRE(
    test::wait_until(30s, [&] { return partition_figure(p, "consumed") > 0; }));
  move_all(2);
  producer->flush();
  REQUIRE_LISTS(expected, {first, first.next()}, false, 60s);
  CHECK(test::wait_until(30s, [&] { return all_committed("moving-leaders"); }));
  CHECK(partition_figure(p, "consumed")
        == static_cast<int64_t>(stream.open_days.size()));
  CHECK(partition_figure(p, "behind_clock") == 0);
  CHECK(stop_pipeline(*system, p, 30s));
}

TEST_CASE_METHOD(three_brokers,
                 "a watermark never overtakes a copy still in flight: the "
                 "internal partitions learn a source's progress only once "
                 "its copies are acknowledged",
                 "[integration][kafka][faults]") {
  auto s = settings("gapless");
  s.kafka.watermark_interval = 50ms;
  // Every leader on broker 1, but the internal partition that the
  // heartbeats' article goes to: its produce requests will be held back.
  kafka.create_internal_topic(s.kafka);
  auto inert_article = test::snowflake_id(test::utc(2024, 1, 2), 1);
  const auto slow = by_article_partition(article_id{inert_article},
                                         s.kafka.by_article_partitions);
  for (int32_t q = 0; q < s.kafka.by_article_partitions; ++q)
    kafka.move_leader(s.kafka.internal_topic(), q, q == slow ? 2 : 1);
  for (const auto& topic : test::default_topics())
    for (int32_t q = 0; q < mock_cluster::partitions_per_topic; ++q)
      kafka.move_leader(topic, q, 1);
  auto p = start(s);
  test::pipeline_probe probe{*system, p};
  auto newest_stream_time = [&] {
    auto all = probe.each_directory("stream_time_ms");
    return all.empty() ? int64_t{-1}
                       : *std::max_element(all.begin(), all.end());
  };
  auto ms = [](instant t) { return t.time_since_epoch().count(); };
  auto t0 = now_instant() - 2h;
  heartbeat(t0);
  REQUIRE(
    test::wait_until(30s, [&] { return newest_stream_time() >= ms(t0); }));
  auto rekeyed = partition_figure(p, "rekeyed");

  // Every source partition moves to t1 with a copy that waits 2 s for its
  // acknowledgement; the watermarks to the other partitions go through.
  kafka.delay_requests(2, produce_api, 8, 2s);
  auto t1 = t0 + 1h;
  heartbeat(t1);
  const auto copies = static_cast<int64_t>(test::default_topics().size())
                      * mock_cluster::partitions_per_topic;
  int64_t samples = 0;
  auto held_from = std::chrono::steady_clock::now();
  REQUIRE(test::wait_until(
    30s,
    [&] {
      // Checked before the copies count: a task that passed t1 then
      // would have seen a watermark with a copy before it unacknowledged.
      auto stream_time = newest_stream_time();
      auto acknowledged = partition_figure(p, "rekeyed") - rekeyed;
      if (acknowledged >= copies)
        return true;
      ++samples;
      INFO(acknowledged << " of " << copies << " copies acknowledged");
      REQUIRE(stream_time < ms(t1));
      return false;
    },
    10ms));
  // The copies were held, and watched while they were.
  CHECK(std::chrono::steady_clock::now() - held_from >= 1s);
  CHECK(samples > 1);
  // Once they are acknowledged the watermarks follow.
  CHECK(test::wait_until(30s, [&] { return newest_stream_time() >= ms(t1); }));
  CHECK(stop_pipeline(*system, p, 30s));
}

TEST_CASE_METHOD(three_brokers,
                 "a source partition whose fetches stall does not follow the "
                 "clock: what arrives after the stall is not behind it",
                 "[integration][kafka][faults]") {
  auto s = settings("stalled-fetches");
  s.kafka.idle_grace = 2s;
  // The source partitions on broker 1, whose fetches will stall; the
  // internal ones elsewhere.
  kafka.create_internal_topic(s.kafka);
  for (int32_t q = 0; q < s.kafka.by_article_partitions; ++q)
    kafka.move_leader(s.kafka.internal_topic(), q, 2);
  for (const auto& topic : test::default_topics())
    for (int32_t q = 0; q < mock_cluster::partitions_per_topic; ++q)
      kafka.move_leader(topic, q, 1);
  auto p = start(s);
  auto ms = [](instant t) { return t.time_since_epoch().count(); };
  // Caught up and fetching: the source partitions follow the clock.
  REQUIRE(test::wait_until(30s, [&] {
    return lowest_partition_figure(p, "watermark_ms", stage::source)
           >= ms(now_instant() - s.kafka.idle_grace - 3s);
  }));
  auto consumed = partition_figure(p, "consumed");

  // Broker 1 holds its next fetch for 15 s. A message stamped 8 s into the
  // stall waits there meanwhile: librdkafka's cached end offset of its
  // partition does not show it, and a partition that trusted that cache
  // would follow the clock past the message's stamp.
  kafka.delay_requests(1, fetch_api, 1, 15s);
  auto stalled_at = now_instant();
  send_inert(partition_ref{"board-like", 0}, stalled_at + 8s);
  producer->flush();
  REQUIRE(test::wait_until(60s, [&] {
    return partition_figure(p, "consumed") > consumed;
  }));
  CHECK(now_instant() - stalled_at >= 8s);
  CHECK(partition_figure(p, "behind_clock") == 0);
  // Fetching again, the partitions follow the clock again.
  CHECK(test::wait_until(30s, [&] {
    return lowest_partition_figure(p, "watermark_ms", stage::source)
           >= ms(stalled_at + 8s);
  }));
  CHECK(stop_pipeline(*system, p, 30s));
}
