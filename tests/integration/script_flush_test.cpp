// The Redis writer when Redis loses its scripts (SCRIPT FLUSH stands for a
// restart or a failover that kept the data): the day's list and the board
// lists still land, and an owner fenced by a newer claim is still refused.
#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include "actors/redis/board_keys.hpp"
#include "actors/redis/list_store.hpp"
#include "actors/redis/partial_store.hpp"
#include "actors/redis/redis_writer.hpp"
#include "app/error_text.hpp"
#include "tests/support/board_seed.hpp"
#include "tests/support/pipeline_probe.hpp"
#include "tests/support/redis_server.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

ranked_article entry(int64_t id, int64_t score) {
  return test::seeded_article(id, score, "t" + std::to_string(id));
}

struct flush_fixture {
  test::redis_server redis;
  redis_connection admin = redis.connect();
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  // Today: an old day's keys would expire before they are written.
  day_key day{date::year_month_day{
    date::floor<date::days>(std::chrono::system_clock::now())}};
  board_id news{3};
  board_id sports{4};

  std::vector<redis_writer_actor> writers;

  ~flush_fixture() {
    for (const auto& writer : writers)
      self->send_exit(writer, caf::exit_reason::user_shutdown);
  }

  // One internal partition: lists of 2 and a reserve of 2.
  redis_writer_actor claimed_writer() {
    auto out = sys.spawn<caf::detached>(
      redis_writer, redis.settings(), partial_layout{1, 2, 2}, int32_t{0},
      std::shared_ptr<std::atomic<uint64_t>>{});
    writers.push_back(out);
    self
      ->request(out, 10s, claim_atom_v,
                (now_instant() + 30s).time_since_epoch().count())
      .receive([](const partition_claim&) {},
               [&](caf::error& err) { FAIL(describe_error(err)); });
    return out;
  }

  // Empty when the write was stored; otherwise the error it was answered.
  caf::error store(redis_writer_actor writer, list_snapshot snapshot) {
    caf::error out;
    self->request(writer, 10s, std::move(snapshot))
      .receive([](caf::ok_atom) {}, [&](caf::error& err) { out = err; });
    return out;
  }

  void flush_scripts() {
    auto reply = admin.call({"SCRIPT", "FLUSH"});
    REQUIRE(reply);
  }

  int64_t figure(redis_writer_actor writer, const std::string& name) {
    int64_t value = -1;
    self->request(writer, 10s, stats_atom_v)
      .receive(
        [&](const std::vector<actor_stats>& stats) {
          value = test::figure(stats.at(0), name);
        },
        [&](caf::error& err) { FAIL(describe_error(err)); });
    return value;
  }

  std::vector<std::string> members(const std::string& key) {
    std::vector<std::string> out;
    for (const auto& [member, score] : redis.zset(key))
      out.push_back(member + ":" + std::to_string(score));
    return out;
  }

  list_snapshot snapshot(std::vector<ranked_article> top,
                         std::vector<board_snapshot> boards) {
    list_snapshot out{day, std::move(top)};
    out.boards = std::move(boards);
    return out;
  }
};

} // namespace

TEST_CASE_METHOD(flush_fixture,
                 "after Redis loses its scripts the day's and the boards' "
                 "lists still land, and a fenced owner is still refused",
                 "[integration][boards]") {
  auto writer = claimed_writer();
  REQUIRE_FALSE(store(writer, snapshot({entry(1, 9), entry(2, 8)},
                                       {{news, {entry(1, 9)}, {}, 1},
                                        {sports, {entry(2, 8)}, {}, 1}})));
  CHECK(members(board_list_key(sports, day))
        == std::vector<std::string>{"2:8"});

  flush_scripts();
  REQUIRE_FALSE(
    store(writer, snapshot({entry(1, 9), entry(3, 7)},
                           {{news, {entry(1, 9), entry(3, 7)}, {}, 2}})));
  CHECK(members(list_key(day)) == std::vector<std::string>{"1:9", "3:7"});
  CHECK(members(board_list_key(news, day))
        == std::vector<std::string>{"1:9", "3:7"});
  CHECK(members(board_list_key(sports, day))
        == std::vector<std::string>{"2:8"});
  CHECK(redis.zset(active_boards_key(day)).size() == 2);
  CHECK(figure(writer, "write_errors") == 0);
  CHECK(figure(writer, "lists_written") == 2);

  // A newer owner claims the partition; then Redis loses its scripts
  // again, before the old owner's next write.
  auto next = claimed_writer();
  auto newer_epoch = redis.get(epoch_key(0));
  flush_scripts();
  auto refused = store(writer,
                       snapshot({entry(5, 1)}, {{news, {entry(5, 1)}, {}, 1}}));
  CHECK(refused == redis_errc::fenced);
  CHECK(figure(writer, "fenced_writes") == 1);
  CHECK(members(list_key(day)) == std::vector<std::string>{"1:9", "3:7"});
  CHECK(members(board_list_key(news, day))
        == std::vector<std::string>{"1:9", "3:7"});
  CHECK(redis.get(epoch_key(0)) == newer_epoch);

  flush_scripts();
  REQUIRE_FALSE(
    store(next, snapshot({entry(6, 4)}, {{sports, {entry(6, 4)}, {}, 1}})));
  CHECK(members(list_key(day)) == std::vector<std::string>{"6:4"});
  CHECK(members(board_list_key(sports, day))
        == std::vector<std::string>{"6:4"});
  CHECK(figure(next, "write_errors") == 0);
}
