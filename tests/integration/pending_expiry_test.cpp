// Counts that wait for their article expire at a place in the internal
// partition's log, so a replay decides exactly as the live run did.
#include <catch2/catch.hpp>

#include "actors/redis/list_store.hpp"
#include "messages/event_encoder.hpp"
#include "tests/support/event_builders.hpp"
#include "tests/support/kafka_pipeline.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

struct day_article {
  article_id id;
  event ev;
  instant created;
};

day_article article_of(const day_calendar& calendar, day_key day,
                       std::chrono::minutes after_midnight, uint32_t node) {
  auto created = calendar.start_of(day) + after_midnight;
  auto ymd = day.ymd();
  auto minutes = static_cast<int>(after_midnight.count());
  auto created_at = test::local(static_cast<int>(ymd.year()),
                                static_cast<int>(unsigned{ymd.month()}),
                                static_cast<int>(unsigned{ymd.day()}),
                                minutes / 60, minutes % 60);
  auto id = test::snowflake_id(created, node);
  return {article_id{id},
          test::article_event(event_type::article_created, id, created_at,
                              test::snowflake_id(created, node + 1)),
          created};
}

} // namespace

TEST_CASE_METHOD(test::kafka_pipeline_fixture,
                 "a count that waited past shards.pending-ttl for its article "
                 "expires in the replay as it did live",
                 "[integration][kafka][pending]") {
  auto s = settings("pending-group");
  s.shards.pending_ttl = 1h;
  auto p = start(s);
  auto day = p.sealed_through.next();
  const partition_ref articles{"board-article", 0};
  const partition_ref likes{"board-like", 0};
  auto send = [&](const partition_ref& where, const event& ev, instant at) {
    producer->send(where.topic, "k", encode_event(ev), at, where.partition);
    produced[where].push_back(at);
  };

  // A like for an article whose creation is published two hours later:
  // by then every partition's stream time is past the like's wait.
  auto late = article_of(p.calendar, day, 60min, 10);
  auto liked_at = p.calendar.start_of(day) + 90min;
  send(likes,
       test::count_event(event_type::article_liked, late.id.value(), 5,
                         test::snowflake_id(liked_at, 20)),
       liked_at);
  auto later = liked_at + 2h;
  heartbeat(later);
  producer->flush();
  // Every internal partition has read the watermarks that say so before
  // the creation is even produced: it lands after them in the log.
  auto past_wait = later - s.kafka.max_disorder;
  REQUIRE(test::wait_until(60s, [&] {
    return lowest_partition_figure(p, "watermark_ms", stage::internal)
           >= past_wait.time_since_epoch().count();
  }));
  send(articles, late.ev, later);
  // An article whose like arrives after it, so the list shows progress.
  auto counted = article_of(p.calendar, day, 150min, 30);
  send(articles, counted.ev, later);
  send(likes,
       test::count_event(event_type::article_liked, counted.id.value(), 2,
                         test::snowflake_id(later, 40)),
       later);
  producer->flush();

  auto only_counted = [&] {
    auto list = redis.zset(list_key(day));
    return list.size() == 1
           && list[0].first == std::to_string(counted.id.value())
           && list[0].second == 2 * 3;
  };
  REQUIRE(test::wait_until(60s, only_counted));
  REQUIRE(stop_pipeline(*system, p, 30s));

  // The restarted tasks replay the day from the internal topic, the like,
  // the watermarks and the creation in a few pulls: the like expires at
  // the same place, before the creation.
  auto restarted = start(s);
  auto third = article_of(p.calendar, day, 200min, 50);
  send(articles, third.ev, later + 1s);
  send(likes,
       test::count_event(event_type::article_liked, third.id.value(), 1,
                         test::snowflake_id(later + 1s, 60)),
       later + 1s);
  producer->flush();
  REQUIRE(test::wait_until(60s, [&] {
    return redis.zset(list_key(day)).size() >= 2;
  }));
  auto list = redis.zset(list_key(day));
  REQUIRE(list.size() == 2);
  CHECK(list[0].first == std::to_string(counted.id.value()));
  CHECK(list[1].first == std::to_string(third.id.value()));
  CHECK(stop_pipeline(*system, restarted, 30s));
}
