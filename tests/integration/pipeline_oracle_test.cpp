// The oracle property test: the ranking stage (ranking tasks of one to five
// internal partitions with their shards, directories, rankings and Redis
// writers, lists merged in a real Redis) against a deliberately simple
// model, on random adversarial streams.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "actors/redis/list_store.hpp"
#include "app/pipeline.hpp"
#include "tests/support/ranking_oracle.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/stored_lists.hpp"
#include "tests/support/stream_feeder.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

uint64_t seed_count() {
  if (const char* env = std::getenv("HOT_ORACLE_SEEDS"))
    return std::strtoull(env, nullptr, 10);
  return 200;
}

void check_lists(test::redis_server& redis,
                 const std::map<day_key, test::oracle_day>& expected,
                 std::vector<day_key> days, bool with_reserve) {
  CHECK(test::list_mismatch(redis, expected, days,
                            with_reserve ? test::reserve_check::exact
                                         : test::reserve_check::none)
        == "");
}

/// Messages the stream knows to be garbage: the decoder must refuse these,
/// and only these.
size_t bad_messages(const test::partitioned_stream& stream) {
  size_t n = 0;
  for (const auto& partition : stream.partitions)
    for (const auto& msg : partition)
      if (!msg.ev)
        ++n;
  return n;
}

} // namespace

// Messages go straight to the ranking tasks, as the Kafka source would hand
// them over (most seeds with each pull's copies compacted, as source
// partitions do): the Kafka side has its own tests (kafka_pipeline_test).
TEST_CASE("the ranking stage matches the oracle on random adversarial "
          "streams, and refuses exactly their bad messages",
          "[integration][oracle]") {
  test::redis_server redis;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto seeds = seed_count();
  size_t messages = 0;
  for (uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed << " (rerun: HOT_ORACLE_SEEDS)");
    redis.connect().call({"FLUSHALL"});
    pipeline_settings settings;
    settings.redis = redis.settings();
    settings.shards.count = static_cast<uint32_t>(1 + seed % 3);
    // One to five internal partitions: the served lists are merged from
    // that many partial lists.
    settings.kafka.by_article_partitions = static_cast<int32_t>(1 + seed % 5);
    auto p = start_core(sys, settings);
    REQUIRE(p);
    auto first = p->sealed_through.next();
    auto second = first.next();
    auto stream = test::make_adversarial_stream(seed, p->calendar, first);
    messages += stream.open_days.size() + stream.after_seal.size();
    auto sources = stream.open_days.sources();
    // Three seeds in four compact each pull's copies, as source partitions
    // do by default (kafka.compact-copies): the lists must not change.
    auto compacting = seed % 4 != 0;
    INFO("copies " << (compacting ? "compacted" : "all sent"));
    test::stream_feeder feeder{
      sys,
      test::claim_all(sys, p->tasks, settings.kafka.by_article_partitions,
                      sources),
      seed, compacting ? std::optional{p->calendar} : std::nullopt};
    auto& ranking = settings.ranking;
    auto expected = test::rank_open_days(stream.open_days, p->calendar,
                                         ranking);

    // While the days are open the stored lists are exact.
    CHECK(feeder.feed(stream.open_days) == bad_messages(stream.open_days));
    feeder.barrier();
    check_lists(redis, expected, {first, second}, false);

    // Once the stream passes both seal instants, the lists are final.
    feeder.advance_stream_time(p->calendar.seal_of(second));
    REQUIRE(test::wait_until(30s, [&] {
      return redis.get(sealed_through_key) == second.to_string();
    }));
    check_lists(redis, expected, {first, second}, true);

    // Afterwards only deletes and title updates change them.
    CHECK(feeder.feed(stream.after_seal) == bad_messages(stream.after_seal));
    feeder.barrier();
    test::apply_after_seal(expected, stream.after_seal, ranking.list_size);
    check_lists(redis, expected, {first, second}, true);

    stop_pipeline(sys, *p, 10s);
  }
  WARN(seeds << " seeds, " << messages << " messages checked");
}
