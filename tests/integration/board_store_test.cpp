// Board lists against a real redis-server: the board script merges every
// partition's board partial and counts, refuses an older owner, and the
// writer refills a sealed board list from its reserve after a delete.
#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include "actors/redis/board_keys.hpp"
#include "actors/redis/board_store.hpp"
#include "actors/redis/list_store.hpp"
#include "actors/redis/redis_writer.hpp"
#include "app/error_text.hpp"
#include "tests/support/board_seed.hpp"
#include "tests/support/pipeline_probe.hpp"
#include "tests/support/redis_server.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

ranked_article entry(int64_t id, int64_t score, std::string title = "t") {
  return test::seeded_article(id, score, std::move(title));
}

std::vector<std::string> members(test::redis_server& redis,
                                 const std::string& key) {
  std::vector<std::string> out;
  for (const auto& [member, score] : redis.zset(key))
    out.push_back(member + ":" + std::to_string(score));
  return out;
}

struct board_fixture {
  test::redis_server redis;
  redis_connection conn = redis.connect();
  day_key day = *day_key::parse("20250525");
  // Two partitions; lists of 2 and a reserve of 2.
  partial_layout layout{2, 2, 2};
  board_id board{7};

  fence_outcome write(int32_t partition, uint64_t epoch,
                      std::vector<ranked_article> top, uint32_t live,
                      std::vector<ranked_article> reserve = {}) {
    board_snapshot snapshot{board, std::move(top), std::move(reserve), live};
    conn.append(board_write_command(layout, day, partition, epoch, snapshot,
                                    std::chrono::seconds{3600}));
    auto replies = conn.exchange();
    if (!replies)
      FAIL(describe_error(replies.error()));
    auto out = parse_fenced(*replies->front());
    if (!out)
      FAIL(describe_error(out.error()));
    return *out;
  }
};

} // namespace

TEST_CASE_METHOD(board_fixture,
                 "two partitions' board partials merge into the board's "
                 "list, reserve and count",
                 "[integration][boards]") {
  REQUIRE(write(0, 1, {entry(1, 9, "one"), entry(3, 4)}, 5).applied);
  REQUIRE(write(1, 1, {entry(2, 6), entry(4, 4), entry(5, 1)}, 3).applied);
  // Ties by higher id: 4 before 3.
  CHECK(members(redis, board_list_key(board, day))
        == std::vector<std::string>{"1:9", "2:6"});
  CHECK(members(redis, board_reserve_key(board, day))
        == std::vector<std::string>{"4:4", "3:4"});
  CHECK(redis.hash(board_meta_key(board, day)).size() == 4);
  CHECK(redis.hash(board_meta_key(board, day)).at("1")
        == encode_meta(entry(1, 9, "one")));
  CHECK(members(redis, active_boards_key(day))
        == std::vector<std::string>{"7:8"});
  CHECK(redis.hash(board_counts_key(day, 1)).at("7") == "3");
  CHECK(redis.ttl(board_list_key(board, day)) > 0);
  CHECK(redis.ttl(active_boards_key(day)) > 0);
  // The day's own list is not the script's business.
  CHECK(members(redis, list_key(day)).empty());

  SECTION("a board whose articles are all gone leaves the active boards") {
    REQUIRE(write(0, 1, {}, 0).applied);
    REQUIRE(write(1, 1, {}, 0).applied);
    CHECK(members(redis, board_list_key(board, day)).empty());
    CHECK(members(redis, active_boards_key(day)).empty());
  }
}

TEST_CASE_METHOD(board_fixture,
                 "a board write of an older owner is refused and changes "
                 "nothing",
                 "[integration][boards]") {
  REQUIRE(write(0, 5, {entry(1, 9)}, 1).applied);
  auto refused = write(0, 4, {entry(2, 99)}, 9);
  CHECK_FALSE(refused.applied);
  CHECK(refused.epoch == 5);
  CHECK(members(redis, board_list_key(board, day))
        == std::vector<std::string>{"1:9"});
  CHECK(members(redis, active_boards_key(day))
        == std::vector<std::string>{"7:1"});
}

TEST_CASE("a sealed delete refills the board list from its reserve, and a "
          "sealed move takes the article out",
          "[integration][boards]") {
  test::redis_server redis;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  day_key day{date::year_month_day{
    date::floor<date::days>(std::chrono::system_clock::now())}};
  auto writer = sys.spawn<caf::detached>(
    redis_writer, connection_pool::make(redis.settings()),
    partial_layout{1, 2, 2}, int32_t{0},
    std::shared_ptr<std::atomic<uint64_t>>{});
  auto ask = [&](auto... xs) {
    bool ok = false;
    self->request(writer, 10s, xs...)
      .receive([&](caf::ok_atom) { ok = true; },
               [&](caf::error& err) { FAIL(caf::to_string(err)); });
    REQUIRE(ok);
  };
  self
    ->request(writer, 10s, claim_atom_v,
              (now_instant() + 30s).time_since_epoch().count())
    .receive([](const partition_claim&) {},
             [&](caf::error& err) { FAIL(caf::to_string(err)); });
  board_id news{3};
  board_id sports{4};
  list_snapshot final{day, {entry(1, 9), entry(2, 8)}, {entry(3, 7)}, true};
  final.boards
    = {board_snapshot{news, {entry(1, 9), entry(3, 7)}, {entry(5, 1)}, 3},
       board_snapshot{sports, {entry(2, 8)}, {}, 1}};
  ask(final);
  CHECK(members(redis, board_list_key(news, day))
        == std::vector<std::string>{"1:9", "3:7"});
  self->request(writer, 10s, stats_atom_v)
    .receive(
      [](const std::vector<actor_stats>& stats) {
        CHECK(test::figure(stats.at(0), "board_lists_written") == 2);
      },
      [&](caf::error& err) { FAIL(caf::to_string(err)); });

  ask(sealed_edit{day, article_id{1}, edit_kind::remove, {}, {}});
  CHECK(members(redis, board_list_key(news, day))
        == std::vector<std::string>{"3:7", "5:1"});
  CHECK(members(redis, board_reserve_key(news, day)).empty());
  CHECK(members(redis, list_key(day))
        == std::vector<std::string>{"2:8", "3:7"});
  CHECK(members(redis, board_list_key(sports, day))
        == std::vector<std::string>{"2:8"});

  ask(sealed_edit{day, article_id{2}, edit_kind::retitle, "renamed",
                  event_id{9}});
  CHECK(redis.hash(board_meta_key(sports, day)).at("2") == encode_meta([] {
          auto a = entry(2, 8, "renamed");
          a.title_version = event_id{9};
          return a;
        }()));

  // A newer update naming another board moves the article out of its
  // board's sealed list; the day's list keeps it, retitled.
  ask(sealed_edit{day, article_id{2}, edit_kind::retitle, "moved", event_id{10},
                  news});
  CHECK(members(redis, board_list_key(sports, day)).empty());
  CHECK(members(redis, board_list_key(news, day))
        == std::vector<std::string>{"3:7", "5:1"});
  CHECK(members(redis, list_key(day))
        == std::vector<std::string>{"2:8", "3:7"});
  self->send_exit(writer, caf::exit_reason::user_shutdown);
}
