// Partial lists against a real redis-server: the merge into the served list
// and its reserve, edits and seals per partition, and epoch fencing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "actors/redis/list_store.hpp"
#include "actors/redis/partial_store.hpp"
#include "app/error_text.hpp"
#include "tests/support/redis_server.hpp"

using namespace hot;

namespace {

constexpr std::chrono::seconds ttl{10 * 24 * 3600};

// 2^53 and 2^53 + 1: the same double, different articles.
constexpr int64_t two_53 = 9007199254740992;

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

// "id:score" per article, best first, for readable failures.
using id_scores = std::vector<std::string>;

template <class Article>
id_scores id_scores_of(const std::vector<Article>& xs) {
  id_scores out;
  for (const auto& x : xs)
    out.push_back(std::to_string(x.id.value()) + ":" + std::to_string(x.score));
  return out;
}

// The served list and reserve as computed in C++: the best of the union of
// all partials, by the ranking order.
struct expected_lists {
  std::vector<ranked_article> list;
  std::vector<ranked_article> reserve;
};

expected_lists
expect_merge(const std::vector<std::vector<ranked_article>>& partials,
             const partial_layout& layout) {
  std::vector<ranked_article> all;
  for (const auto& partial : partials)
    all.insert(all.end(), partial.begin(), partial.end());
  std::sort(all.begin(), all.end(), ranks_before);
  expected_lists out;
  for (size_t i = 0; i < all.size(); ++i) {
    if (i < layout.list_size)
      out.list.push_back(all[i]);
    else if (i < layout.list_size + layout.reserve_size)
      out.reserve.push_back(all[i]);
  }
  return out;
}

// A fixed sequence of pseudo-random numbers below `bound` (a 64-bit LCG).
struct fixed_random {
  uint64_t state;
  uint64_t next(uint64_t bound) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return (state >> 33) % bound;
  }
};

void erase_id(std::vector<ranked_article>& xs, int64_t id) {
  xs.erase(std::remove_if(xs.begin(), xs.end(),
                          [id](const auto& x) { return x.id.value() == id; }),
           xs.end());
}

struct partials_fixture {
  test::redis_server redis;
  redis_connection conn = redis.connect();
  day_key day = *day_key::parse("20250525");
  partial_layout layout;

  // Sends one command and returns its reply as it is, error replies too.
  redis_reply raw(const redis_command& cmd) {
    conn.append(cmd);
    auto replies = conn.exchange();
    if (!replies)
      FAIL(describe_error(replies.error()));
    REQUIRE(replies->size() == 1);
    return std::move(replies->front());
  }

  fence_outcome run(const redis_command& cmd) {
    auto reply = raw(cmd);
    auto out = parse_fenced(*reply);
    if (!out)
      FAIL(describe_error(out.error()));
    return *out;
  }

  void write(int32_t partition, const std::vector<ranked_article>& entries,
             uint64_t epoch = 1) {
    auto out
      = run(partial_write_command(layout, day, partition, epoch, entries, ttl));
    REQUIRE(out.applied);
    REQUIRE(out.epoch == epoch);
  }

  void remove(int32_t partition, int64_t id, uint64_t epoch = 1) {
    sealed_edit edit{day, article_id{id}, edit_kind::remove, {}, {}};
    auto out = run(partial_edit_command(layout, edit, partition, epoch,
                                        std::chrono::seconds{3600}));
    REQUIRE(out.applied);
  }

  void retitle(int32_t partition, int64_t id, std::string title,
               int64_t version, uint64_t epoch = 1) {
    sealed_edit edit{day, article_id{id}, edit_kind::retitle, std::move(title),
                     event_id{version}};
    auto out = run(partial_edit_command(layout, edit, partition, epoch,
                                        std::chrono::seconds{3600}));
    REQUIRE(out.applied);
  }

  void seal(day_key sealed, int32_t partition, uint64_t epoch = 1) {
    auto out = run(partial_seal_command(layout, sealed, partition, epoch));
    REQUIRE(out.applied);
  }

  claim_reply claim(int32_t partition, int64_t now_ms) {
    auto deadline
      = (now_instant() + std::chrono::seconds{30}).time_since_epoch().count();
    auto reply = raw(claim_command(partition, now_ms, deadline));
    auto out = parse_claim(*reply);
    if (!out)
      FAIL(describe_error(out.error()));
    return *out;
  }

  // The served list and reserve as the existing reader sees them.
  sealed_lists served() {
    for (const auto& cmd : sealed_read(day))
      conn.append(cmd);
    auto replies = conn.exchange();
    if (!replies)
      FAIL(describe_error(replies.error()));
    auto lists = parse_sealed_read(*replies->back());
    if (!lists)
      FAIL(describe_error(lists.error()));
    return std::move(*lists);
  }

  std::string title_of(int64_t id) {
    auto meta = redis.hash(meta_key(day));
    auto it = meta.find(std::to_string(id));
    if (it == meta.end())
      return "<none>";
    return nlohmann::json::parse(it->second).at("title").get<std::string>();
  }

  // Members of a served ZSET as a set of ids, independent of how Redis
  // orders ties.
  std::vector<std::string> ids_in(const std::string& key) {
    std::vector<std::string> out;
    for (const auto& member_score : redis.zset(key))
      out.push_back(member_score.first);
    std::sort(out.begin(), out.end());
    return out;
  }

  bool exists(const std::string& key) {
    auto reply = raw({"EXISTS", key});
    return reply->type == REDIS_REPLY_INTEGER && reply->integer == 1;
  }

  void require_served(const expected_lists& expected) {
    auto lists = served();
    CHECK(id_scores_of(lists.list) == id_scores_of(expected.list));
    CHECK(id_scores_of(lists.reserve) == id_scores_of(expected.reserve));
    auto meta = redis.hash(meta_key(day));
    CHECK(meta.size() == expected.list.size() + expected.reserve.size());
    for (const auto* xs : {&expected.list, &expected.reserve})
      for (const auto& x : *xs)
        CHECK(title_of(x.id.value()) == x.title);
  }
};

} // namespace

TEST_CASE_METHOD(partials_fixture,
                 "partials of three partitions merge into the global best "
                 "ten and its reserve",
                 "[integration][partials]") {
  // 30 articles per partition, more than a partial contributes, with few
  // distinct scores: ties within and across partitions, and at the cut of
  // each partial's best twenty. Ids of one to four digits.
  std::vector<std::vector<ranked_article>> partials(3);
  fixed_random random{12345};
  for (int32_t q = 0; q < 3; ++q) {
    for (int64_t k = 0; k < 30; ++k) {
      auto score = static_cast<int64_t>(random.next(25));
      auto id = 1 + (q + 3 * k) * 37;
      partials[static_cast<size_t>(q)].push_back(
        entry(id, score, "t" + std::to_string(id)));
    }
    write(q, partials[static_cast<size_t>(q)]);
  }
  auto expected = expect_merge(partials, layout);
  REQUIRE(expected.list.size() == 10);
  REQUIRE(expected.reserve.size() == 10);
  require_served(expected);
  auto lists = served();
  CHECK(lists.list.front().created_at == "2025-05-25T02:36:02.746755");
  for (const auto& key : {list_key(day), reserve_key(day), meta_key(day),
                          partial_key(day, 0), partial_meta_key(day, 2)}) {
    auto left = redis.ttl(key);
    CHECK(left > ttl.count() - 60);
    CHECK(left <= ttl.count());
  }
  SECTION("a rewrite of one partition replaces only its articles") {
    partials[1] = {entry(5000, 1000, "top"), entry(5001, 1, "low")};
    write(1, partials[1]);
    require_served(expect_merge(partials, layout));
    CHECK(served().list.front().id.value() == 5000);
  }
}

TEST_CASE_METHOD(partials_fixture,
                 "writes that cannot change the served list skip the merge, "
                 "and the served list stays the best of every partial",
                 "[integration][partials]") {
  // Like a live partition's top: each write changes a few of the
  // partition's entries, most of them below the served twenty.
  std::vector<std::vector<ranked_article>> partials(3);
  fixed_random random{777};
  auto merges = [this]() -> int64_t {
    auto reply = raw({"INFO", "commandstats"});
    std::string text{reply->str, reply->len};
    auto at = text.find("cmdstat_zrevrange:calls=");
    if (at == std::string::npos)
      return 0;
    return std::stoll(text.substr(at + 24));
  };
  int64_t writes = 0;
  int64_t merged_writes = 0;
  for (int step = 0; step < 300; ++step) {
    auto q = static_cast<int32_t>(random.next(3));
    auto& partial = partials[static_cast<size_t>(q)];
    auto changes = 1 + random.next(3);
    for (uint64_t change = 0; change < changes; ++change) {
      auto id = 1 + q + 3 * static_cast<int64_t>(random.next(40));
      erase_id(partial, id);
      // One score in eight is high enough to reach the served list.
      auto score = random.next(8) == 0
                     ? static_cast<int64_t>(500 + random.next(500))
                     : static_cast<int64_t>(random.next(400));
      partial.push_back(entry(id, score, "t" + std::to_string(step)));
    }
    std::sort(partial.begin(), partial.end(), ranks_before);
    if (partial.size() > 20)
      partial.resize(20);
    auto before = merges();
    write(q, partial);
    ++writes;
    merged_writes += merges() > before ? 1 : 0;
    INFO("step " << step);
    require_served(expect_merge(partials, layout));
  }
  // Both ways were taken, so both are checked above.
  CHECK(merged_writes > 0);
  CHECK(merged_writes < writes);
}

TEST_CASE_METHOD(partials_fixture,
                 "equal scores in different partitions rank the higher "
                 "article id first",
                 "[integration][partials]") {
  layout = partial_layout{12, 3, 1};
  // 99 < 100 as ids, "99" > "100" as text; 2^53 and 2^53 + 1 are one
  // double.
  write(0, {entry(99, 5), entry(two_53 + 1, 7)});
  write(1, {entry(100, 5), entry(two_53, 7)});
  CHECK(ids_in(list_key(day))
        == std::vector<std::string>{"100", std::to_string(two_53),
                                    std::to_string(two_53 + 1)});
  CHECK(ids_in(reserve_key(day)) == std::vector<std::string>{"99"});
  CHECK(id_scores_of(served().list)
        == id_scores{std::to_string(two_53 + 1) + ":7",
                     std::to_string(two_53) + ":7", "100:5"});
  SECTION("the higher id wins a single place") {
    layout = partial_layout{12, 1, 0};
    write(2, {entry(1, 2)});
    CHECK(ids_in(list_key(day))
          == std::vector<std::string>{std::to_string(two_53 + 1)});
    CHECK_FALSE(exists(reserve_key(day)));
  }
  SECTION("a tie at the cut of one partial keeps the higher id") {
    // Of the three tied at 5, ZREVRANGE 0 1 returns "99" and "98".
    layout = partial_layout{12, 1, 1};
    write(1, {});
    write(0, {entry(99, 5), entry(100, 5), entry(98, 5)});
    CHECK(ids_in(list_key(day)) == std::vector<std::string>{"100"});
    CHECK(ids_in(reserve_key(day)) == std::vector<std::string>{"99"});
  }
}

TEST_CASE_METHOD(partials_fixture,
                 "a delete after the seal is refilled from the partition "
                 "that holds the next best",
                 "[integration][partials]") {
  // Partition 0: five listed (100, 98, ..., 92), then fifteen low ones
  // (40 down to 26). Partition 1: five listed (99, 97, ..., 91), then
  // fifteen medium ones (60 down to 46). The reserve is partition 1's
  // 60..51; partition 0's next best is below all of it.
  std::vector<std::vector<ranked_article>> partials(2);
  for (int64_t k = 0; k < 20; ++k) {
    auto low = k < 5 ? 100 - 2 * k : 45 - k;
    auto medium = k < 5 ? 99 - 2 * k : 65 - k;
    partials[0].push_back(entry(1001 + k, low, "p0-" + std::to_string(k)));
    partials[1].push_back(entry(2001 + k, medium, "p1-" + std::to_string(k)));
  }
  write(0, partials[0]);
  write(1, partials[1]);
  seal(day, 0);
  seal(day, 1);
  require_served(expect_merge(partials, layout));
  CHECK(served().reserve.front().id.value() == 2006);
  CHECK(ids_in(reserve_key(day)).size() == 10);
  auto before_reserve = ids_in(reserve_key(day));
  CHECK(std::find(before_reserve.begin(), before_reserve.end(), "2016")
        == before_reserve.end());

  // Partition 1's listed 2003 goes: its own next best (2006, 60) comes in,
  // not partition 0's (1006, 40); the reserve takes 2016 (50), which was
  // in no earlier reserve, from partition 1's partial.
  remove(1, 2003);
  erase_id(partials[1], 2003);
  auto expected = expect_merge(partials, layout);
  require_served(expected);
  auto listed = ids_in(list_key(day));
  CHECK(std::find(listed.begin(), listed.end(), "2006") != listed.end());
  CHECK(std::find(listed.begin(), listed.end(), "1006") == listed.end());
  auto reserve = ids_in(reserve_key(day));
  CHECK(std::find(reserve.begin(), reserve.end(), "2016") != reserve.end());
  CHECK(title_of(2003) == "<none>");
  CHECK(title_of(2006) == "p1-5");

  // Partition 0's listed 1002 goes: partition 1's 2007 (59) comes in, not
  // partition 0's own next best.
  remove(0, 1002);
  erase_id(partials[0], 1002);
  require_served(expect_merge(partials, layout));
  listed = ids_in(list_key(day));
  CHECK(std::find(listed.begin(), listed.end(), "2007") != listed.end());
  CHECK(std::find(listed.begin(), listed.end(), "1006") == listed.end());

  SECTION("deleting an article in no partial changes nothing") {
    auto list = redis.zset(list_key(day));
    auto kept_reserve = redis.zset(reserve_key(day));
    auto meta = redis.hash(meta_key(day));
    remove(1, 777);
    remove(0, 777);
    CHECK(redis.zset(list_key(day)) == list);
    CHECK(redis.zset(reserve_key(day)) == kept_reserve);
    CHECK(redis.hash(meta_key(day)) == meta);
  }
  SECTION("deleting a reserve article refills the reserve") {
    remove(1, 2008);
    erase_id(partials[1], 2008);
    require_served(expect_merge(partials, layout));
  }
}

TEST_CASE_METHOD(partials_fixture,
                 "a retitle updates the served title only when its version "
                 "is newer",
                 "[integration][partials]") {
  write(0, {entry(5, 50, "five", 99), entry(6, 40, "six", two_53)});
  write(1, {entry(7, 45, "seven", 1)});
  auto list = redis.zset(list_key(day));
  retitle(0, 5, "older", 98);
  CHECK(title_of(5) == "five");
  // 100 > 99 as numbers, "100" < "99" as text.
  retitle(0, 5, "newer", 100);
  CHECK(title_of(5) == "newer");
  auto doc = nlohmann::json::parse(redis.hash(partial_meta_key(day, 0))["5"]);
  CHECK(doc.at("title") == "newer");
  CHECK(doc.at("titleVersion") == "100");
  CHECK(doc.at("createdAt") == "2025-05-25T02:36:02.746755");
  retitle(0, 5, "same version", 100);
  CHECK(title_of(5) == "newer");
  // Versions beyond 2^53 differ in the last digit only.
  retitle(0, 6, "later", two_53 + 1);
  CHECK(title_of(6) == "later");
  retitle(0, 6, "earlier", two_53);
  CHECK(title_of(6) == "later");
  // An article of no partial gets no title.
  retitle(0, 8, "ghost", 1000);
  CHECK(title_of(8) == "<none>");
  CHECK(redis.zset(list_key(day)) == list);
  CHECK(title_of(7) == "seven");
  // The served keys keep the partial's remaining time to live.
  CHECK(redis.ttl(list_key(day)) > ttl.count() - 60);
  SECTION("a partial without expiry gives the served keys the fallback") {
    REQUIRE(raw({"PERSIST", partial_key(day, 0)})->integer == 1);
    retitle(0, 5, "newest", 101);
    CHECK(title_of(5) == "newest");
    auto left = redis.ttl(list_key(day));
    CHECK(left > 3600 - 60);
    CHECK(left <= 3600);
  }
}

TEST_CASE_METHOD(partials_fixture,
                 "a write with a stale epoch is refused and changes nothing",
                 "[integration][partials]") {
  auto a = claim(3, 1000).epoch;
  CHECK(a == 1000u);
  write(3, {entry(1, 10, "a's")}, a);
  auto b = claim(3, 1000).epoch; // the clock did not move: stored + 1
  CHECK(b == 1001u);
  auto list = redis.zset(list_key(day));
  auto meta = redis.hash(meta_key(day));

  auto refused = run(
    partial_write_command(layout, day, 3, a, {entry(2, 20, "late")}, ttl));
  CHECK_FALSE(refused.applied);
  CHECK(refused.epoch == b);
  sealed_edit edit{day, article_id{1}, edit_kind::remove, {}, {}};
  refused
    = run(partial_edit_command(layout, edit, 3, a, std::chrono::seconds{3600}));
  CHECK_FALSE(refused.applied);
  CHECK(refused.epoch == b);
  refused = run(partial_seal_command(layout, day, 3, a));
  CHECK_FALSE(refused.applied);
  CHECK(refused.epoch == b);
  CHECK(redis.zset(list_key(day)) == list);
  CHECK(redis.hash(meta_key(day)) == meta);
  CHECK(redis.zset(partial_key(day, 3)).size() == 1);
  CHECK(redis.hash(sealed_partitions_key).empty());
  CHECK(redis.get(epoch_key(3)) == std::optional<std::string>{"1001"});

  write(3, {entry(2, 20, "b's")}, b);
  CHECK(id_scores_of(served().list) == id_scores{"2:20"});
  CHECK(title_of(2) == "b's");

  SECTION("a claim after Redis lost the epoch still moves it forward") {
    REQUIRE(raw({"DEL", epoch_key(3)})->integer == 1);
    auto c = claim(3, 5000).epoch;
    CHECK(c == 5000u);
    CHECK(c > b);
    CHECK(run(partial_write_command(layout, day, 3, b, {}, ttl)).epoch == c);
  }
  SECTION("a write finding no epoch stores the one it carries") {
    REQUIRE(raw({"DEL", epoch_key(3)})->integer == 1);
    write(3, {entry(3, 30)}, b);
    CHECK(redis.get(epoch_key(3)) == std::optional<std::string>{"1001"});
    CHECK_FALSE(run(partial_write_command(layout, day, 3, a, {}, ttl)).applied);
  }
  SECTION("epochs count exactly beyond what a double holds") {
    REQUIRE(raw({"SET", epoch_key(3), std::to_string(two_53 + 1)})->type
            == REDIS_REPLY_STATUS);
    CHECK(claim(3, 5000).epoch == static_cast<uint64_t>(two_53 + 2));
    REQUIRE(raw({"SET", epoch_key(3), "999"})->type == REDIS_REPLY_STATUS);
    CHECK(claim(3, 0).epoch == 1000u);
  }
  SECTION("other partitions are fenced on their own") {
    write(4, {entry(4, 40)}, 1);
    CHECK(served().list.front().id.value() == 4);
  }
}

TEST_CASE_METHOD(partials_fixture,
                 "sealed-through moves only when every partition has sealed "
                 "the day and never backwards",
                 "[integration][partials]") {
  layout = partial_layout{3, 10, 10};
  auto d = day;
  seal(d, 0);
  seal(d, 1);
  CHECK_FALSE(redis.get(sealed_through_key));
  seal(d, 2);
  CHECK(redis.get(sealed_through_key) == d.to_string());

  seal(d.next(), 0);
  seal(d.plus_days(2), 1);
  CHECK(redis.get(sealed_through_key) == d.to_string());
  seal(d.next(), 2);
  CHECK(redis.get(sealed_through_key) == d.next().to_string());

  // An older seal of one partition moves neither its day nor the minimum.
  seal(d.plus_days(-3), 0);
  CHECK(redis.hash(sealed_partitions_key)["0"] == d.next().to_string());
  CHECK(redis.get(sealed_through_key) == d.next().to_string());

  // Already further (e.g. written before partitions existed): kept.
  REQUIRE(raw({"SET", sealed_through_key, d.plus_days(5).to_string()})->type
          == REDIS_REPLY_STATUS);
  for (int32_t q = 0; q < 3; ++q)
    seal(d.plus_days(3), q);
  CHECK(redis.get(sealed_through_key) == d.plus_days(5).to_string());

  auto claimed = claim(1, 1);
  CHECK(claimed.partition_sealed == d.plus_days(3));
  CHECK(claimed.sealed_through == d.plus_days(5));
  auto fresh = claim(7, 1);
  CHECK_FALSE(fresh.partition_sealed);
  CHECK(fresh.sealed_through == d.plus_days(5));
}

TEST_CASE_METHOD(partials_fixture,
                 "an empty partial write removes that partition's articles",
                 "[integration][partials]") {
  std::vector<ranked_article> zero{entry(1, 10, "one"), entry(2, 8, "two")};
  write(0, zero);
  write(1, {entry(3, 9, "three"), entry(4, 7, "four")});
  CHECK(served().list.size() == 4);
  write(1, {});
  require_served(expect_merge({zero}, layout));
  CHECK_FALSE(exists(partial_key(day, 1)));
  CHECK_FALSE(exists(partial_meta_key(day, 1)));
  write(0, {});
  CHECK_FALSE(exists(list_key(day)));
  CHECK_FALSE(exists(reserve_key(day)));
  CHECK_FALSE(exists(meta_key(day)));
}

TEST_CASE_METHOD(partials_fixture,
                 "a partition outside the layout is an error and changes "
                 "nothing",
                 "[integration][partials]") {
  auto reply
    = raw(partial_write_command(layout, day, 12, 1, {entry(1, 1)}, ttl));
  auto out = parse_fenced(*reply);
  REQUIRE_FALSE(out);
  CHECK_THAT(describe_error(out.error()),
             Catch::Contains("partition 12 outside the layout"));
  CHECK_FALSE(exists(epoch_key(12)));
  CHECK_FALSE(exists(list_key(day)));
  auto claimed = parse_claim(*raw({"PING"}));
  CHECK_FALSE(claimed);
}

TEST_CASE_METHOD(partials_fixture,
                 "the stored epoch only grows: a newer write raises it, and "
                 "an older owner stays refused after Redis rolls it back",
                 "[integration][partials][fencing]") {
  // Redis came back from a snapshot taken under epoch 1, while the owner
  // of epoch 2 still runs.
  REQUIRE(raw({"SET", epoch_key(3), "1"})->type == REDIS_REPLY_STATUS);
  write(3, {entry(1, 10, "epoch 2's")}, 2);
  CHECK(redis.get(epoch_key(3)) == std::optional<std::string>{"2"});
  auto refused = run(
    partial_write_command(layout, day, 3, 1, {entry(9, 90, "stale")}, ttl));
  CHECK_FALSE(refused.applied);
  CHECK(refused.epoch == 2u);
  sealed_edit edit{day, article_id{1}, edit_kind::remove, {}, {}};
  CHECK_FALSE(
    run(partial_edit_command(layout, edit, 3, 1, std::chrono::seconds{3600}))
      .applied);
  CHECK_FALSE(run(partial_seal_command(layout, day, 3, 1)).applied);
  CHECK(id_scores_of(served().list) == id_scores{"1:10"});
  CHECK(redis.hash(sealed_partitions_key).empty());

  SECTION("an edit and a seal marker raise it too") {
    REQUIRE(raw({"SET", epoch_key(3), "1"})->type == REDIS_REPLY_STATUS);
    run(partial_edit_command(layout, edit, 3, 3, std::chrono::seconds{3600}));
    CHECK(redis.get(epoch_key(3)) == std::optional<std::string>{"3"});
    REQUIRE(raw({"DEL", epoch_key(3)})->integer == 1);
    CHECK(run(partial_seal_command(layout, day, 3, 4)).applied);
    CHECK(redis.get(epoch_key(3)) == std::optional<std::string>{"4"});
    CHECK_FALSE(run(partial_seal_command(layout, day, 3, 3)).applied);
  }
}

TEST_CASE_METHOD(partials_fixture,
                 "an owner states its epoch without writing: it raises a "
                 "rolled-back epoch and is refused below a newer one",
                 "[integration][partials][fencing]") {
  REQUIRE(raw({"SET", epoch_key(5), "7"})->type == REDIS_REPLY_STATUS);
  CHECK(run(fence_command(5, 9)).applied);
  CHECK(redis.get(epoch_key(5)) == std::optional<std::string>{"9"});
  CHECK(run(fence_command(5, 9)).applied);
  auto refused = run(fence_command(5, 8));
  CHECK_FALSE(refused.applied);
  CHECK(refused.epoch == 9u);
  CHECK(redis.get(epoch_key(5)) == std::optional<std::string>{"9"});
  // Nothing else is written, but the first day ranked where it is missing.
  CHECK(redis.zset(list_key(day)).empty());
  CHECK_FALSE(redis.get(tracked_since_key));
  CHECK(run(fence_command(5, 9, day)).applied);
  CHECK(redis.get(tracked_since_key) == day.to_string());
  CHECK(run(fence_command(5, 9, day.next())).applied);
  CHECK(redis.get(tracked_since_key) == day.to_string());
  CHECK_FALSE(run(fence_command(5, 8, day.plus_days(-3))).applied);
  CHECK(redis.get(tracked_since_key) == day.to_string());
}

TEST_CASE_METHOD(partials_fixture,
                 "a claim that Redis runs after its deadline is refused and "
                 "leaves the epoch as it was",
                 "[integration][partials][fencing]") {
  REQUIRE(raw({"SET", epoch_key(2), "40"})->type == REDIS_REPLY_STATUS);
  auto now_ms = now_instant().time_since_epoch().count();
  auto reply = raw(claim_command(2, now_ms, now_ms - 1000));
  auto out = parse_claim(*reply);
  REQUIRE_FALSE(out);
  CHECK_THAT(describe_error(out.error()), Catch::Contains("claim expired"));
  CHECK(redis.get(epoch_key(2)) == std::optional<std::string>{"40"});
  auto in_time = parse_claim(*raw(claim_command(2, 0, now_ms + 30'000)));
  REQUIRE(in_time);
  CHECK(in_time->epoch == 41u);
}
