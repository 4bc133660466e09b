// The board lists against the oracle: the ranking stage (one to five
// internal partitions, one to three shards each, lists merged in a real
// Redis) on random adversarial streams spread over many boards with skewed
// traffic, some articles moved to another board by a later update, deletes
// and title updates before and after the seal. Every board's list equals
// the oracle's, and so does every day's.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "actors/redis/board_keys.hpp"
#include "actors/redis/list_store.hpp"
#include "app/pipeline.hpp"
#include "messages/event_encoder.hpp"
#include "tests/support/ranking_oracle.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/stored_lists.hpp"
#include "tests/support/stream_feeder.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

uint64_t seed_count() {
  if (const char* env = std::getenv("HOT_BOARD_ORACLE_SEEDS"))
    return std::strtoull(env, nullptr, 10);
  return 40;
}

constexpr int64_t board_count = 40;

uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Boards of skewed traffic: board 1 gets about a third of the articles,
// most boards a few. One article in four moves to the next board with its
// updates (and then back, if an update comes after the seal).
int64_t board_of(const event& ev) {
  auto h = mix(static_cast<uint64_t>(ev.article.value()));
  auto u = static_cast<double>(h % 1000) / 1000.0;
  auto board = 1 + static_cast<int64_t>(board_count * u * u * u);
  bool moves = (h >> 20) % 4 == 0;
  if (moves && ev.type == event_type::article_updated)
    board = 1 + board % board_count;
  return board;
}

void spread_over_boards(test::partitioned_stream& stream) {
  for (auto& partition : stream.partitions)
    for (auto& msg : partition) {
      if (!msg.ev || !is_article_event(msg.ev->type)
          || msg.ev->type == event_type::article_deleted)
        continue;
      msg.ev->board = board_id{board_of(*msg.ev)};
      msg.value = encode_event(*msg.ev);
    }
}

// Empty when every board of `days` holds the oracle's list (and, with
// `counts`, its live count); otherwise the first difference.
std::string board_mismatch(test::redis_server& redis,
                           const test::oracle_boards& expected,
                           const std::vector<day_key>& days, bool counts) {
  for (auto day : days) {
    std::map<std::string, int64_t> active;
    for (const auto& [member, score] : redis.zset(active_boards_key(day)))
      active[member] = score;
    for (int64_t b = 1; b <= board_count; ++b) {
      board_id board{b};
      test::board_day key{day, b};
      auto it = expected.lists.find(key);
      auto want = it == expected.lists.end() ? test::oracle_day{} : it->second;
      auto have = test::stored_entries(redis, board_list_key(board, day),
                                       board_meta_key(board, day));
      auto where = day.to_string() + " board " + std::to_string(b);
      if (test::to_string(have) != test::to_string(want.list))
        return where + " list\n  stored:   " + test::to_string(have)
               + "\n  expected: " + test::to_string(want.list);
      if (!counts)
        continue;
      auto live = expected.live.count(key) ? expected.live.at(key) : 0;
      auto stored
        = active.count(std::to_string(b)) ? active.at(std::to_string(b)) : 0;
      if (stored != live)
        return where + " live count: stored " + std::to_string(stored)
               + ", expected " + std::to_string(live);
    }
  }
  return "";
}

pipeline_settings with_boards(const test::redis_server& redis, uint32_t shards,
                              int32_t partitions) {
  pipeline_settings settings;
  settings.redis = redis.settings();
  settings.shards.count = shards;
  settings.shards.boards.enabled = true;
  settings.kafka.by_article_partitions = partitions;
  return settings;
}

} // namespace

TEST_CASE("every board's list matches the oracle, and the day's list too",
          "[integration][oracle][boards]") {
  test::redis_server redis;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  auto seeds = seed_count();
  size_t moved_checked = 0;
  size_t boards_listed = 0;
  for (uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed << " (rerun: HOT_BOARD_ORACLE_SEEDS)");
    redis.connect().call({"FLUSHALL"});
    auto settings = with_boards(redis, static_cast<uint32_t>(1 + seed % 3),
                                static_cast<int32_t>(1 + seed % 5));
    auto p = start_core(sys, settings);
    REQUIRE(p);
    auto first = p->sealed_through.next();
    auto second = first.next();
    // More articles than the day's list holds, over 40 boards.
    auto stream = test::make_adversarial_stream(seed, p->calendar, first, 120);
    spread_over_boards(stream.open_days);
    spread_over_boards(stream.after_seal);
    for (const auto& partition : stream.open_days.partitions)
      for (const auto& msg : partition)
        if (msg.ev && msg.ev->type == event_type::article_updated
            && (mix(static_cast<uint64_t>(msg.ev->article.value())) >> 20) % 4
                 == 0)
          ++moved_checked;
    auto sources = stream.open_days.sources();
    test::stream_feeder feeder{
      sys,
      test::claim_all(sys, p->tasks, settings.kafka.by_article_partitions,
                      sources),
      seed, seed % 2 == 0 ? std::optional{p->calendar} : std::nullopt};
    const auto& ranking = settings.ranking;
    auto expected = test::rank_open_days(stream.open_days, p->calendar,
                                         ranking);
    auto boards = test::rank_open_boards(stream.open_days, p->calendar,
                                         ranking);

    for (const auto& [key, lists] : boards.lists)
      boards_listed += lists.list.empty() ? 0u : 1u;

    feeder.feed(stream.open_days);
    feeder.barrier();
    CHECK(test::list_mismatch(redis, expected, {first, second},
                              test::reserve_check::none)
          == "");
    CHECK(board_mismatch(redis, boards, {first, second}, true) == "");

    feeder.advance_stream_time(p->calendar.seal_of(second));
    REQUIRE(test::wait_until(30s, [&] {
      return redis.get(sealed_through_key) == second.to_string();
    }));
    CHECK(board_mismatch(redis, boards, {first, second}, true) == "");

    // After the seal deletes refill each board's list from its reserve.
    feeder.feed(stream.after_seal);
    feeder.barrier();
    test::apply_after_seal(expected, stream.after_seal, ranking.list_size);
    test::apply_after_seal(boards, stream.after_seal, ranking.list_size);
    CHECK(test::list_mismatch(redis, expected, {first, second},
                              test::reserve_check::none)
          == "");
    CHECK(board_mismatch(redis, boards, {first, second}, false) == "");

    stop_pipeline(sys, *p, 10s);
  }
  CHECK(moved_checked > 0);
  CHECK(boards_listed > seeds * 10);
  WARN(seeds << " seeds, " << boards_listed << " board lists, " << moved_checked
             << " moving updates checked");
}

// The writers keep no copy of an open day's board lists: after Redis
// comes back empty, each day's ranking must write every board again, the
// quiet ones included, with nothing new arriving to change them.
TEST_CASE("board lists lost with Redis while their day is open are written "
          "again",
          "[integration][oracle][boards][outage]") {
  test::redis_server redis;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  for (uint64_t seed : {3u, 8u}) {
    INFO("seed " << seed);
    redis.connect().call({"FLUSHALL"});
    auto settings = with_boards(redis, 2, 3);
    auto p = start_core(sys, settings);
    REQUIRE(p);
    auto first = p->sealed_through.next();
    auto second = first.next();
    auto stream = test::make_adversarial_stream(seed, p->calendar, first, 120);
    spread_over_boards(stream.open_days);
    auto sources = stream.open_days.sources();
    test::stream_feeder feeder{
      sys,
      test::claim_all(sys, p->tasks, settings.kafka.by_article_partitions,
                      sources),
      seed, std::nullopt};
    auto expected = test::rank_open_days(stream.open_days, p->calendar,
                                         settings.ranking);
    auto boards = test::rank_open_boards(stream.open_days, p->calendar,
                                         settings.ranking);
    size_t listed = 0;
    for (const auto& [key, lists] : boards.lists)
      listed += lists.list.empty() ? 0u : 1u;
    REQUIRE(listed > 10);
    feeder.feed(stream.open_days);
    feeder.barrier();
    REQUIRE(board_mismatch(redis, boards, {first, second}, true) == "");

    redis.stop();
    redis.start();
    REQUIRE(redis.zset(board_list_key(board_id{1}, first)).empty());
    std::string last;
    CHECK(test::wait_until(30s, [&] {
      last = board_mismatch(redis, boards, {first, second}, true);
      return last.empty();
    }));
    CHECK(last == "");
    CHECK(test::list_mismatch(redis, expected, {first, second},
                              test::reserve_check::none)
          == "");
    stop_pipeline(sys, *p, 10s);
  }
}
