// Commits of the two stages are independent: a source partition commits
// once its copies are in the internal topic, whatever Redis is doing.
#include <catch2/catch.hpp>

#include <hiredis/hiredis.h>

#include "actors/redis/redis_connection.hpp"
#include "tests/support/kafka_pipeline.hpp"
#include "tests/support/ranking_oracle.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

bool redis_answered_ok(const caf::expected<redis_reply>& reply) {
  return reply && (*reply)->type == REDIS_REPLY_STATUS
         && std::string{(*reply)->str} == "OK";
}

} // namespace

TEST_CASE_METHOD(test::kafka_pipeline_fixture,
                 "while Redis holds every write the source partitions go on "
                 "committing, and the internal ones commit once it is stored",
                 "[integration][kafka][outage]") {
  auto s = settings("held-redis-group");
  auto p = start(s);
  auto first = p.sealed_through.next();
  auto stream = test::make_adversarial_stream(63, p.calendar, first, 150);
  auto expected = test::rank_open_days(stream.open_days, p.calendar, s.ranking);

  auto admin = redis.connect();
  // Longer than the test waits below: only UNPAUSE ends it.
  REQUIRE(
    redis_answered_ok(admin.call({"CLIENT", "PAUSE", "120000", "WRITE"})));
  produce(stream.open_days);
  int64_t sent = 0;
  for (const auto& [ref, stamps] : produced)
    sent += static_cast<int64_t>(stamps.size());
  // A commit round that waited for the internal partitions' barrier would
  // commit the sources once per barrier timeout (kafka.drain-timeout, 20 s).
  REQUIRE(s.kafka.drain_timeout >= 20s);
  auto sources_committed = [&] {
    return partition_figure(p, "committed", stage::source) == sent;
  };
  CHECK(test::wait_until(10s, sources_committed, 50ms));
  // Nothing reached Redis, so no internal partition committed past what
  // it applied: the barrier that vouches for it is still waiting.
  CHECK(partition_figure(p, "committed", stage::internal)
        < partition_figure(p, "committable", stage::internal));

  REQUIRE(redis_answered_ok(admin.call({"CLIENT", "UNPAUSE"})));
  if (!wait_for_lists(expected, {first}, false, 30s))
    FAIL(last_mismatch());
  auto internal_committed = [&] {
    return partition_figure(p, "committed", stage::internal)
           == partition_figure(p, "committable", stage::internal);
  };
  CHECK(test::wait_until(30s, internal_committed, 50ms));
  CHECK(stop_pipeline(*system, p, 30s));
}
