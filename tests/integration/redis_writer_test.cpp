// The Redis writer against a real redis-server, as the only owner of one
// internal partition (so the served list is its partial): atomic list
// replacement, sealed lists with a reserve, edits after the seal, claims
// and fencing, and Redis outages.
#include <catch2/catch.hpp>

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/redis/list_store.hpp"
#include "actors/redis/partial_store.hpp"
#include "actors/redis/redis_writer.hpp"
#include "tests/support/pipeline_probe.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

// A deadline far enough away that only a broken Redis misses it.
int64_t claim_deadline() {
  return (now_instant() + std::chrono::seconds{30}).time_since_epoch().count();
}

ranked_article entry(int64_t id, int64_t score, std::string title = "t",
                     int64_t title_version = 1) {
  ranked_article a;
  a.id = article_id{id};
  a.score = score;
  a.title = std::move(title);
  parse_iso_local_datetime("2025-05-25T02:36:02.746755", a.created_at);
  a.title_version = event_id{title_version};
  return a;
}

struct writer_fixture {
  test::redis_server redis;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  redis_writer_actor writer;
  // Today: a day's keys expire a fixed time after the day itself, so an
  // old day's lists would be gone before they are written.
  day_key day{date::year_month_day{
    date::floor<date::days>(std::chrono::system_clock::now())}};

  writer_fixture() {
    writer = start_writer();
  }

  // One internal partition: lists of 3 and a reserve of 3.
  redis_writer_actor start_writer() {
    auto out = sys.spawn<caf::detached>(
      redis_writer, connection_pool::make(redis.settings()),
      partial_layout{1, 3, 3}, int32_t{0},
      std::shared_ptr<std::atomic<uint64_t>>{});
    self->request(out, 10s, claim_atom_v, claim_deadline())
      .receive([](const partition_claim&) {},
               [&](caf::error& err) { FAIL(caf::to_string(err)); });
    return out;
  }

  ~writer_fixture() {
    self->send_exit(writer, caf::exit_reason::user_shutdown);
  }

  template <class... Ts>
  void require_ok(Ts&&... xs) {
    bool ok = false;
    self->request(writer, 10s, std::forward<Ts>(xs)...)
      .receive([&](caf::ok_atom) { ok = true; },
               [&](caf::error& err) { FAIL(caf::to_string(err)); });
    REQUIRE(ok);
  }

  int64_t figure(const std::string& name) {
    int64_t value = -1;
    self->request(writer, 10s, stats_atom_v)
      .receive(
        [&](const std::vector<actor_stats>& stats) {
          value = test::figure(stats.at(0), name);
        },
        [&](caf::error& err) { FAIL(caf::to_string(err)); });
    return value;
  }

  std::vector<std::string> members(const std::string& key) {
    std::vector<std::string> out;
    for (const auto& [member, score] : redis.zset(key))
      out.push_back(member + ":" + std::to_string(score));
    return out;
  }

  std::string title_of(int64_t id) {
    auto meta = redis.hash(meta_key(day));
    auto it = meta.find(std::to_string(id));
    if (it == meta.end())
      return "<none>";
    return nlohmann::json::parse(it->second).at("title").get<std::string>();
  }
};

} // namespace

TEST_CASE_METHOD(writer_fixture,
                 "a flush replaces the day's list with titles and a TTL",
                 "[integration]") {
  auto trips_before = figure("round_trips");
  require_ok(list_snapshot{day, {entry(1, 9, "one"), entry(2, 5, "two")}});
  CHECK(members(list_key(day)) == std::vector<std::string>{"1:9", "2:5"});
  // The claim took one round trip, the list one more.
  CHECK(trips_before == 1);
  CHECK(figure("round_trips") == 2);
  CHECK(figure("lists_written") == 1);
  CHECK(title_of(1) == "one");
  require_ok(list_snapshot{day, {entry(3, 7, "three")}});
  CHECK(members(list_key(day)) == std::vector<std::string>{"3:7"});
  CHECK(redis.hash(meta_key(day)).size() == 1);
  // Ten days (the default TTL) after the day's following UTC day ends.
  auto ttl = redis.ttl(list_key(day));
  auto expected
    = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::system_clock::time_point{day.days() + date::days{12}}
        - std::chrono::system_clock::now())
        .count();
  CHECK(ttl > expected - 60);
  CHECK(ttl <= expected + 1);
  SECTION("an empty list leaves no key, as the reference reads it") {
    require_ok(list_snapshot{day, {}});
    CHECK(members(list_key(day)).empty());
    CHECK(redis.hash(meta_key(day)).empty());
  }
  SECTION("reads see the list best first with ids breaking ties") {
    require_ok(list_snapshot{day, {entry(9, 5), entry(10, 5), entry(2, 7)}});
    auto conn = redis.connect();
    for (const auto& cmd : list_read(day))
      conn.append(cmd);
    auto replies = conn.exchange();
    REQUIRE(replies);
    auto list = parse_list_read(*replies->back());
    REQUIRE(list);
    REQUIRE(list->size() == 3);
    CHECK((*list)[0].id.value() == 2);
    CHECK((*list)[1].id.value() == 10); // "10" < "9" as text, 10 > 9 as id
    CHECK((*list)[2].id.value() == 9);
    CHECK((*list)[0].created_at == "2025-05-25T02:36:02.746755");
  }
}

TEST_CASE_METHOD(writer_fixture,
                 "a delete after the seal backfills from the reserve",
                 "[integration]") {
  list_snapshot final{day,
                      {entry(1, 9), entry(2, 8), entry(3, 7)},
                      {entry(4, 6), entry(5, 6), entry(6, 1)},
                      true};
  require_ok(final);
  CHECK(members(reserve_key(day)).size() == 3);
  require_ok(sealed_edit{day, article_id{2}, edit_kind::remove, {}, {}});
  // 4 and 5 tie at 6: the higher id comes in.
  CHECK(members(list_key(day))
        == std::vector<std::string>{"1:9", "3:7", "5:6"});
  CHECK(members(reserve_key(day)) == std::vector<std::string>{"4:6", "6:1"});
  CHECK(title_of(2) == "<none>");
  SECTION("deleting a reserve article only shrinks the reserve") {
    require_ok(sealed_edit{day, article_id{6}, edit_kind::remove, {}, {}});
    CHECK(members(list_key(day)).size() == 3);
    CHECK(members(reserve_key(day)) == std::vector<std::string>{"4:6"});
  }
  SECTION("a repeated delete changes nothing") {
    require_ok(sealed_edit{day, article_id{2}, edit_kind::remove, {}, {}});
    CHECK(members(list_key(day))
          == std::vector<std::string>{"1:9", "3:7", "5:6"});
  }
  SECTION("one read returns the list and the reserve, titles on both") {
    auto conn = redis.connect();
    for (const auto& cmd : sealed_read(day))
      conn.append(cmd);
    auto replies = conn.exchange();
    REQUIRE(replies);
    auto lists = parse_sealed_read(*replies->back());
    REQUIRE(lists);
    std::vector<int64_t> listed;
    std::vector<int64_t> reserved;
    for (const auto& a : lists->list)
      listed.push_back(a.id.value());
    for (const auto& a : lists->reserve)
      reserved.push_back(a.id.value());
    CHECK(listed == std::vector<int64_t>{1, 3, 5});
    CHECK(reserved == std::vector<int64_t>{4, 6});
    CHECK(lists->reserve[0].title == title_of(4));
    CHECK_FALSE(lists->reserve[0].title.empty());
  }
  SECTION("when the reserve runs out the list shrinks, and that is "
          "counted") {
    // A full partial (3 + 3): the partition may rank more than it kept.
    require_ok(sealed_edit{day, article_id{4}, edit_kind::remove, {}, {}});
    CHECK(members(list_key(day)).size() == 3);
    CHECK(figure("refill_exhausted") == 0);
    require_ok(sealed_edit{day, article_id{1}, edit_kind::remove, {}, {}});
    CHECK(members(list_key(day))
          == std::vector<std::string>{"3:7", "5:6", "6:1"});
    CHECK(figure("refill_exhausted") == 0);
    require_ok(sealed_edit{day, article_id{3}, edit_kind::remove, {}, {}});
    CHECK(members(list_key(day)) == std::vector<std::string>{"5:6", "6:1"});
    CHECK(figure("refill_exhausted") == 1);
    for (int64_t id : {5, 6})
      require_ok(sealed_edit{day, article_id{id}, edit_kind::remove, {}, {}});
    CHECK(members(list_key(day)).empty());
    CHECK(figure("refill_exhausted") == 3);
  }
}

TEST_CASE_METHOD(writer_fixture,
                 "a partial that was not full at the seal ranks everything, so "
                 "its deletes never count as an exhausted reserve",
                 "[integration]") {
  list_snapshot final{
    day, {entry(1, 9), entry(2, 8), entry(3, 7)}, {entry(4, 6)}, true};
  require_ok(final);
  for (int64_t id : {1, 2})
    require_ok(sealed_edit{day, article_id{id}, edit_kind::remove, {}, {}});
  CHECK(members(list_key(day)) == std::vector<std::string>{"3:7", "4:6"});
  CHECK(figure("refill_exhausted") == 0);
}

TEST_CASE_METHOD(writer_fixture,
                 "a title update after the seal applies only when newer",
                 "[integration]") {
  require_ok(list_snapshot{day, {entry(1, 9, "old", 100)}, {}, true});
  require_ok(
    sealed_edit{day, article_id{1}, edit_kind::retitle, "new", event_id{200}});
  CHECK(title_of(1) == "new");
  require_ok(sealed_edit{day, article_id{1}, edit_kind::retitle, "stale",
                         event_id{150}});
  CHECK(title_of(1) == "new");
  // Not listed: nothing to refresh.
  require_ok(
    sealed_edit{day, article_id{7}, edit_kind::retitle, "x", event_id{300}});
  CHECK(title_of(7) == "<none>");
}

TEST_CASE_METHOD(writer_fixture,
                 "a new owner's claim reports the sealed day and fences the "
                 "old owner's writes",
                 "[integration]") {
  require_ok(list_snapshot{day, {entry(1, 9, "one")}, {}, true});
  require_ok(caf::put_atom_v, sealed_atom_v, day);
  CHECK(redis.get(sealed_through_key) == day.to_string());
  auto next = sys.spawn<caf::detached>(
    redis_writer, connection_pool::make(redis.settings()),
    partial_layout{1, 3, 3}, int32_t{0},
    std::shared_ptr<std::atomic<uint64_t>>{});
  partition_claim claim;
  self->request(next, 10s, claim_atom_v, claim_deadline())
    .receive([&](const partition_claim& c) { claim = c; },
             [&](caf::error& err) { FAIL(caf::to_string(err)); });
  CHECK(claim.partition_sealed == day);
  CHECK(claim.sealed_through == day);
  CHECK(claim.epoch > 0);
  // The old owner's next write is refused and changes nothing.
  bool refused = false;
  self->request(writer, 10s, list_snapshot{day.next(), {entry(2, 5)}})
    .receive([](caf::ok_atom) {},
             [&](caf::error& err) { refused = err == redis_errc::fenced; });
  CHECK(refused);
  CHECK(members(list_key(day.next())).empty());
  int64_t fenced = -1;
  self->request(writer, 10s, stats_atom_v)
    .receive(
      [&](const std::vector<actor_stats>& stats) {
        fenced = test::figure(stats.at(0), "fenced_writes");
      },
      [&](caf::error& err) { FAIL(caf::to_string(err)); });
  CHECK(fenced == 1);
  // The new owner writes.
  self->request(next, 10s, list_snapshot{day.next(), {entry(3, 4)}})
    .receive([](caf::ok_atom) {},
             [&](caf::error& err) { FAIL(caf::to_string(err)); });
  CHECK(members(list_key(day.next())) == std::vector<std::string>{"3:4"});
  self->send_exit(next, caf::exit_reason::user_shutdown);
}

TEST_CASE_METHOD(writer_fixture,
                 "while Redis is down the newest list waits and is written "
                 "after reconnecting",
                 "[integration]") {
  require_ok(list_snapshot{day, {entry(1, 1)}});
  redis.stop();
  // Both writes wait; the second supersedes the first.
  auto first = self->request(writer, 30s, list_snapshot{day, {entry(1, 2)}});
  auto second = self->request(writer, 30s, list_snapshot{day, {entry(1, 3)}});
  auto barrier = self->request(writer, 30s, barrier_atom_v);
  // The writer must have hit the outage, and still hold the writes.
  REQUIRE(
    test::wait_until(10s, [&] { return figure("connection_errors") >= 2; }));
  CHECK(figure("pending_lists") == 1);
  redis.start();
  int answered = 0;
  for (auto* handle : {&first, &second})
    handle->receive([&](caf::ok_atom) { ++answered; },
                    [&](caf::error& err) { FAIL(caf::to_string(err)); });
  barrier.receive([&](caf::ok_atom) { ++answered; },
                  [&](caf::error& err) { FAIL(caf::to_string(err)); });
  CHECK(answered == 3);
  CHECK(members(list_key(day)) == std::vector<std::string>{"1:3"});
}

TEST_CASE_METHOD(writer_fixture,
                 "a live list never replaces a day's final list",
                 "[integration]") {
  require_ok(
    list_snapshot{day, {entry(1, 9, "one")}, {entry(2, 1, "two")}, true});
  require_ok(list_snapshot{day, {entry(3, 50, "late")}, {}, false});
  // A partition's partial holds its list and reserve: both fit the list.
  CHECK(members(list_key(day)) == std::vector<std::string>{"1:9", "2:1"});
  CHECK(title_of(2) == "two");
  // Nor an older day's.
  require_ok(list_snapshot{day.prev(), {entry(4, 5)}, {}, false});
  CHECK(members(list_key(day.prev())).empty());
}

TEST_CASE_METHOD(writer_fixture,
                 "after Redis restarts empty every stored list, its edits "
                 "and the marker are written again",
                 "[integration]") {
  auto open_day = day.next();
  require_ok(list_snapshot{day,
                           {entry(1, 9, "one"), entry(2, 8), entry(3, 7)},
                           {entry(4, 6, "four"), entry(5, 2)},
                           true});
  require_ok(caf::put_atom_v, sealed_atom_v, day);
  require_ok(sealed_edit{day, article_id{2}, edit_kind::remove, {}, {}});
  require_ok(
    sealed_edit{day, article_id{4}, edit_kind::retitle, "new", event_id{9}});
  require_ok(list_snapshot{open_day, {entry(7, 5, "seven")}});
  auto sealed_ttl = redis.ttl(list_key(day));
  auto expected_list = members(list_key(day));
  auto expected_reserve = members(reserve_key(day));
  REQUIRE(expected_list == std::vector<std::string>{"1:9", "3:7", "4:6"});
  REQUIRE(title_of(4) == "new");

  redis.stop();
  redis.start();
  REQUIRE(members(list_key(day)).empty());
  SECTION("a barrier answers only once everything is back") {
    require_ok(barrier_atom_v);
  }
  SECTION("an idle writer notices on its own") {
    REQUIRE(test::wait_until(10s, [&] {
      return redis.get(sealed_through_key) == day.to_string()
             && !members(list_key(open_day)).empty()
             && !members(reserve_key(day)).empty();
    }));
  }
  CHECK(members(list_key(day)) == expected_list);
  CHECK(members(reserve_key(day)) == expected_reserve);
  CHECK(title_of(4) == "new");
  CHECK(title_of(1) == "one");
  CHECK(title_of(2) == "<none>");
  CHECK(members(list_key(open_day)) == std::vector<std::string>{"7:5"});
  CHECK(redis.get(sealed_through_key) == day.to_string());
  // The keys keep the expiry they had, not a fresh TTL.
  auto ttl = redis.ttl(list_key(day));
  CHECK(ttl <= sealed_ttl + 1);
  CHECK(ttl >= sealed_ttl - 30);
}

TEST_CASE_METHOD(writer_fixture,
                 "a day sealed by an earlier run is edited by the script, "
                 "with the same result as a folded edit",
                 "[integration]") {
  list_snapshot final{day,
                      {entry(1, 9), entry(2, 8), entry(3, 7)},
                      {entry(4, 6), entry(5, 6), entry(6, 1, "six", 5)},
                      true};
  std::vector<sealed_edit> edits{
    {day, article_id{2}, edit_kind::remove, {}, {}},
    {day, article_id{6}, edit_kind::retitle, "six'", event_id{7}},
    {day, article_id{6}, edit_kind::retitle, "stale", event_id{6}},
    {day, article_id{1}, edit_kind::remove, {}, {}},
    {day, article_id{9}, edit_kind::remove, {}, {}},
  };
  // This writer stored the day: it folds the edits.
  require_ok(final);
  for (auto edit : edits)
    require_ok(edit);
  auto folded_list = members(list_key(day));
  auto folded_reserve = members(reserve_key(day));
  auto folded_title = title_of(6);
  // A writer of a later run never stored it: the script applies them.
  require_ok(final);
  auto later = start_writer();
  for (auto edit : edits)
    self->request(later, 10s, edit)
      .receive([](caf::ok_atom) {},
               [&](caf::error& err) { FAIL(caf::to_string(err)); });
  self->send_exit(later, caf::exit_reason::user_shutdown);
  CHECK(members(list_key(day)) == folded_list);
  CHECK(members(reserve_key(day)) == folded_reserve);
  CHECK(title_of(6) == folded_title);
  CHECK(folded_list == std::vector<std::string>{"3:7", "5:6", "4:6"});
  CHECK(folded_title == "six'");
}

TEST_CASE_METHOD(writer_fixture,
                 "a held writer answers at once, writes nothing until it is "
                 "published, then the newest list of each day",
                 "[integration][replay]") {
  require_ok(list_snapshot{day, {entry(1, 9, "before")}});
  self->send(writer, hold_atom_v);
  // Answered while held, as a replay's flushes are, yet not written.
  require_ok(list_snapshot{day, {entry(2, 3, "morning")}});
  require_ok(list_snapshot{day, {entry(2, 30, "noon")}});
  require_ok(list_snapshot{day.next(), {entry(5, 4)}});
  require_ok(caf::put_atom_v, sealed_atom_v, day);
  CHECK(members(list_key(day)) == std::vector<std::string>{"1:9"});
  CHECK(members(list_key(day.next())).empty());
  CHECK(redis.hash(sealed_partitions_key).empty());
  CHECK(figure("pending_lists") == 2);
  // A barrier vouches for nothing it has not written: while held it is
  // not answered at all.
  bool answered = false;
  caf::error why;
  self->request(writer, 300ms, barrier_atom_v)
    .receive([&](caf::ok_atom) { answered = true; },
             [&](caf::error& err) { why = err; });
  CHECK_FALSE(answered);
  CHECK(why == caf::sec::request_timeout);
  self->send(writer, publish_atom_v);
  // Answered only once everything kept is written.
  require_ok(barrier_atom_v);
  CHECK(members(list_key(day)) == std::vector<std::string>{"2:30"});
  CHECK(title_of(2) == "noon");
  CHECK(members(list_key(day.next())) == std::vector<std::string>{"5:4"});
  CHECK(redis.hash(sealed_partitions_key).size() == 1);
  // The morning list never reached Redis: one write per day.
  CHECK(figure("lists_written") == 3);
}

TEST_CASE_METHOD(writer_fixture,
                 "a claim stalled in a paused Redis past its deadline is "
                 "refused, and the owner that claimed in time keeps writing",
                 "[integration][fencing]") {
  require_ok(list_snapshot{day, {entry(1, 1)}});
  auto owner_epoch = redis.get(epoch_key(0));
  REQUIRE(owner_epoch);
  // A failover, or CLIENT PAUSE: Redis takes commands and runs them later.
  auto admin = redis.connect();
  auto paused = admin.call({"CLIENT", "PAUSE", "1500", "ALL"});
  REQUIRE(paused);
  REQUIRE((*paused)->type == REDIS_REPLY_STATUS);
  auto late = sys.spawn<caf::detached>(
    redis_writer, connection_pool::make(redis.settings()),
    partial_layout{1, 3, 3}, int32_t{0},
    std::shared_ptr<std::atomic<uint64_t>>{});
  auto deadline = (now_instant() + 300ms).time_since_epoch().count();
  caf::error why;
  self->request(late, 10s, claim_atom_v, static_cast<int64_t>(deadline))
    .receive([](const partition_claim&) {},
             [&](caf::error& err) { why = err; });
  // Redis ran the claim once the pause ended, and refused it.
  CHECK(why);
  CHECK_THAT(caf::to_string(why), Catch::Contains("claim expired"));
  CHECK(redis.get(epoch_key(0)) == owner_epoch);
  // The owner is not fenced: its writes still land.
  require_ok(list_snapshot{day, {entry(2, 7)}});
  CHECK(members(list_key(day)) == std::vector<std::string>{"2:7"});
  CHECK(figure("fenced_writes") == 0);
  self->send_exit(late, caf::exit_reason::user_shutdown);
}
