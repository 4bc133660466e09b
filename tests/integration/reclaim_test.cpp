// An owner fenced by a claim that should never have run (one from an
// instance that had already given the partition up) while the group still
// assigns it the partition: it claims the partition again, and its lists
// and commits move on. The mock cluster and a real Redis.
#include <catch2/catch.hpp>

#include <map>

#include "actors/redis/list_store.hpp"
#include "actors/redis/partial_store.hpp"
#include "tests/integration/require_lists.hpp"
#include "tests/support/kafka_pipeline.hpp"
#include "tests/support/pipeline_probe.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

int64_t stored_epoch(test::redis_server& redis, int32_t partition) {
  auto text = redis.get(epoch_key(partition));
  return text ? std::stoll(*text) : 0;
}

} // namespace

TEST_CASE_METHOD(test::kafka_pipeline_fixture,
                 "an owner fenced by a stray claim while the group still "
                 "assigns it the partition claims it again, and its lists "
                 "and commits move on",
                 "[integration][fencing]") {
  auto s = settings("reclaim-group");
  // Also how long a fenced writer waits before its partition is claimed
  // again.
  s.kafka.drain_timeout = 3s;
  auto p = start(s);
  test::pipeline_probe probe{*system, p};
  auto first = p.sealed_through.next();
  auto stream = test::make_adversarial_stream(31, p.calendar, first, 120);
  auto [morning, afternoon] = stream.open_days.split(0.5);
  produce(morning);
  REQUIRE_LISTS(test::rank_open_days(morning, p.calendar, s.ranking),
                {first, first.next()}, false, 60s);

  // A claim that ran late, from an instance that left: every partition's
  // epoch moves past its owner's.
  const int32_t partitions = s.kafka.by_article_partitions;
  std::map<int32_t, int64_t> stray;
  auto admin = redis.connect();
  for (int32_t q = 0; q < partitions; ++q) {
    stray[q] = stored_epoch(redis, q) + 5;
    REQUIRE(admin.call({"SET", epoch_key(q), std::to_string(stray[q])}));
  }
  produce(afternoon);

  // Refused at first, then claimed again: the lists reach the whole
  // stream's, and every partition's epoch passes the stray claim's.
  REQUIRE_LISTS(test::rank_open_days(stream.open_days, p.calendar, s.ranking),
                {first, first.next()}, false, 90s);
  // Refused first: the owners did learn they were fenced.
  CHECK(probe.tasks("fenced_writes") > 0);
  CHECK(probe.tasks("claims") > partitions);
  for (int32_t q = 0; q < partitions; ++q) {
    INFO("internal partition " << q);
    CHECK(stored_epoch(redis, q) > stray[q]);
  }
  REQUIRE(test::wait_until(10s, [&] { return probe.writer("fenced") == 0; }));
  // Commits move on: past what each internal partition had read once the
  // lists were back (watermark records keep coming after that).
  std::map<int32_t, int64_t> read;
  for (const auto& stats : probe.partitions())
    if (test::figure(stats, "internal") == 1)
      read[std::stoi(stats.name.substr(stats.name.rfind('/') + 1))]
        = test::figure(stats, "position");
  REQUIRE(read.size() == static_cast<size_t>(partitions));
  REQUIRE(test::wait_until(30s, [&] {
    for (const auto& [partition, position] : read)
      if (kafka.committed("reclaim-group", s.kafka.internal_topic(), partition)
          < position)
        return false;
    return true;
  }));
  CHECK(stop_pipeline(*system, p, 30s));
}
