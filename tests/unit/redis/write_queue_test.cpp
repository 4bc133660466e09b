// The Redis writer's queue: which write supersedes which, what one round
// trip sends and in which order, what waits for the claim, what expires,
// what a lost connection queues again, and what a fenced writer refuses.
#include <catch2/catch.hpp>

#include <algorithm>

#include "actors/redis/write_queue.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

// Waiters are names here; in the writer they are response promises.
using queue = write_queue<std::string, std::string>;
using clock_type = queue::clock;

const day_key d1 = *day_key::parse("20250524");
const day_key d2 = *day_key::parse("20250525");
const partial_layout layout{12, 2, 2};
const clock_type::time_point now{std::chrono::hours{1000}};

list_snapshot list_of(day_key day, int64_t id, bool final = false) {
  ranked_article a;
  a.id = article_id{id};
  a.score = id;
  a.title = "t";
  return list_snapshot{day, {a}, {}, final};
}

queue::pending_op op(std::string what, std::optional<std::string> done = {},
                     std::optional<day_key> marker = {}) {
  return queue::pending_op{
    {"EVALSHA", what}, what, std::move(done), std::nullopt, marker};
}

struct round_trip {
  std::vector<redis_command> commands;
  std::vector<queue::planned> plan;
  std::vector<std::string> expired;
};

// The expiry each day's keys get; d1's a little after `now`.
clock_type::time_point expiry_of(day_key day) {
  return day == d1 ? now + 2h : now + 10h;
}

round_trip plan_of(queue& q, uint64_t epoch = 7,
                   clock_type::time_point at = now) {
  round_trip out;
  out.plan
    = q.plan([&out](const redis_command& cmd) { out.commands.push_back(cmd); },
             layout, 3, epoch, at, expiry_of, out.expired);
  return out;
}

bool names(const redis_command& cmd, day_key day) {
  return std::find(cmd.begin(), cmd.end(), day.to_string()) != cmd.end();
}

} // namespace

TEST_CASE("one round trip writes the lists by day, then the other writes "
          "in arrival order") {
  queue q;
  q.push_op(op("seal marker"));
  q.put_list(list_of(d2, 1), "a");
  q.push_op(op("edit"));
  q.put_list(list_of(d1, 2), "b");
  auto trip = plan_of(q);
  REQUIRE(trip.plan.size() == 4);
  REQUIRE(trip.commands.size() == 4);
  CHECK(trip.plan[0].is_list);
  CHECK(trip.plan[0].day == d1);
  CHECK(names(trip.commands[0], d1));
  CHECK(trip.plan[1].day == d2);
  CHECK_FALSE(trip.plan[2].is_list);
  CHECK(trip.commands[2][1] == "seal marker");
  CHECK(trip.commands[3][1] == "edit");
  // The plan takes nothing: the replies decide what was written.
  CHECK(q.list_count() == 2);
  CHECK(q.op_count() == 2);
  CHECK(q.take_list(d1).waiting == std::vector<std::string>{"b"});
  CHECK(q.take_op().what == "seal marker");
  CHECK(q.next_op_name() == "edit");
}

TEST_CASE("no list goes out before the partition is claimed") {
  queue q;
  q.put_list(list_of(d1, 1), "a");
  q.push_op(op("claim"));
  auto trip = plan_of(q, 0);
  REQUIRE(trip.plan.size() == 1);
  CHECK_FALSE(trip.plan[0].is_list);
  CHECK(q.list_count() == 1);
}

TEST_CASE("a newer list of a day replaces the pending one, and everyone "
          "waits for it, but a final list is never replaced by a live one") {
  queue q;
  q.put_list(list_of(d1, 1), "first");
  q.put_list(list_of(d1, 2), "second");
  REQUIRE(q.list_count() == 1);
  auto* pending = q.find(d1);
  REQUIRE(pending != nullptr);
  CHECK(pending->snapshot.top.at(0).id == article_id{2});
  CHECK(pending->waiting == std::vector<std::string>{"first", "second"});
  q.put_list(list_of(d1, 3, true), "final");
  q.put_list(list_of(d1, 4), "late live");
  CHECK(q.find(d1)->snapshot.final);
  CHECK(q.find(d1)->snapshot.top.at(0).id == article_id{3});
  CHECK(q.find(d1)->waiting.size() == 4);
  CHECK(q.find(d2) == nullptr);
}

TEST_CASE("an edit rewrites the day's list, and every write of a day's list "
          "carries the day's expiry") {
  queue q;
  q.put_edit(list_of(d1, 5), "edit");
  auto* pending = q.find(d1);
  REQUIRE(pending != nullptr);
  CHECK(pending->edits == 1);
  auto trip = plan_of(q);
  REQUIRE(trip.plan.size() == 1);
  CHECK(trip.plan[0].expires_at == now + 2h);
  // Whenever it is written: the expiry is the day's, not the write's.
  q.put_list(list_of(d1, 6), "new");
  CHECK(plan_of(q, 7, now + 1h).plan[0].expires_at == now + 2h);
}

TEST_CASE("a list whose keys Redis has dropped is not written again") {
  queue q;
  q.put_edit(list_of(d1, 5), "gone");
  q.put_list(list_of(d2, 6), "kept");
  auto trip = plan_of(q, 7, now + 3h);
  CHECK(trip.expired == std::vector<std::string>{"gone"});
  REQUIRE(trip.plan.size() == 1);
  CHECK(trip.plan[0].day == d2);
  CHECK(q.find(d1) == nullptr);
}

TEST_CASE("after a lost connection the stored days and the marker are "
          "queued again, unless something newer is pending") {
  stored_days stored;
  stored.stored(list_of(d1, 1, true), now + 3h);
  stored.stored(list_of(d2, 2), now + 5h);
  stored.marker_stored(d1);
  queue q;
  q.put_list(list_of(d2, 9), "newer");
  q.push_op(op("edit"));
  auto marker_op = [](day_key day) {
    return op("marker " + day.to_string(), std::nullopt, day);
  };
  CHECK(q.requeue(stored, marker_op) == 1);
  CHECK(q.find(d1)->waiting.empty());
  CHECK(q.find(d2)->snapshot.top.at(0).id == article_id{9});
  REQUIRE(q.op_count() == 2);
  // The marker goes first, as it went before the edits that came later.
  CHECK(q.next_op_name() == "marker 20250524");
  SECTION("a marker already pending is not queued twice") {
    CHECK(q.requeue(stored, marker_op) == 0);
    CHECK(q.op_count() == 2);
  }
}

TEST_CASE("a fenced writer refuses everything pending at once") {
  queue q;
  q.put_list(list_of(d1, 1), "a");
  q.put_list(list_of(d1, 2), "b");
  q.push_op(op("edit", std::string{"c"}));
  q.push_op(queue::pending_op{
    {"EVALSHA"}, "claim", std::nullopt, std::string{"claimer"}, std::nullopt});
  auto refused = q.take_all();
  CHECK(refused.writes == 3);
  CHECK(refused.waiting == std::vector<std::string>{"a", "b", "c"});
  CHECK(refused.claims == std::vector<std::string>{"claimer"});
  CHECK(q.empty());
}

TEST_CASE("a day's keys expire at an instant of the day itself") {
  auto ttl = std::chrono::milliseconds{10h};
  auto early = clock_type::now();
  auto a = day_expiry(d2, ttl, early);
  // Asked later, from a later steady reading: the same instant.
  auto b = day_expiry(d2, ttl, early + 5s);
  CHECK(std::chrono::abs((b - 5s) - a) < 100ms);
  // Two days after the day's UTC midnight, plus the TTL.
  auto wall = std::chrono::system_clock::now();
  auto expected
    = std::chrono::system_clock::time_point{d2.days() + date::days{2}} + ttl;
  CHECK(std::chrono::abs((a - early) - (expected - wall)) < 100ms);
  auto next_day = day_expiry(d2.next(), ttl, early);
  CHECK(std::chrono::abs(next_day - a - 24h) < 100ms);
}
