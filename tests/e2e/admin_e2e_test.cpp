// The admin interface against a running daemon fed known events: every view,
// with its values checked.
#include <catch2/catch.hpp>

#include "messages/by_article.hpp"
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/e2e/scenario.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace hot::test;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

const std::string token = "s3cret";

int64_t epoch_ms(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
           t.time_since_epoch())
    .count();
}

// Sums a field over the rows whose `key` starts with `prefix`.
int64_t sum_where(const json& rows, const std::string& key,
                  const std::string& prefix, const std::string& field) {
  int64_t total = 0;
  for (const auto& row : rows)
    if (row.value(key, "").rfind(prefix, 0) == 0)
      total += row.value(field, int64_t{0});
  return total;
}

} // namespace

TEST_CASE("every admin view shows the values of a known scenario", "[e2e]") {
  e2e_fixture f;
  auto daemon = f.start_daemon("admin", {"--admin.token=" + token});
  scenario s{f.calendar};
  auto a = s.id();
  auto b = s.id();
  auto c = s.id();
  auto gone = s.id();
  auto day = today(f.calendar).to_string();
  f.kcat("board-article",
         {s.line(s.article(event_type::article_created, a, "alpha")),
          s.line(s.article(event_type::article_created, b, "beta")),
          s.line(s.article(event_type::article_created, c, "gamma")),
          s.line(s.article(event_type::article_created, gone, "gone")),
          s.line(s.article(event_type::article_deleted, gone, "gone"))});
  f.kcat("board-like", {s.line(s.count(event_type::article_liked, a, 5)),
                        s.line(s.count(event_type::article_liked, b, 4)),
                        s.line(s.count(event_type::article_liked, c, 1)),
                        s.line(s.count(event_type::article_liked, gone, 9))});
  f.kcat("board-comment", {s.line(s.count(event_type::comment_created, c, 7))});
  f.kcat("board-view", {"0:not even json"});
  auto view = [&](const std::string& path) {
    return daemon.admin(path, token).json();
  };
  // Figures are collected each second: wait until they show everything.
  REQUIRE(wait_until(30s, [&] {
    auto parts = view("/admin/v1/partitions")["partitions"];
    return sum_where(parts, "topic", "board-", "consumed") == 11
           && sum_where(parts, "topic", "board-", "committed")
                == sum_where(parts, "topic", "board-", "position");
  }));

  {
    INFO("without the token nothing is shown");
    auto refused = daemon.admin("/admin/v1/overview");
    CHECK(refused.status == 401);
    CHECK(daemon.admin("/admin/v1/overview", "wrong").status == 401);
  }
  {
    INFO("partitions: positions, commits, lag and rejections");
    auto parts = view("/admin/v1/partitions")["partitions"];
    // 12 of the source topics and the 12 of the internal topic.
    CHECK(parts.size() == 24);
    CHECK(sum_where(parts, "topic", "admin-by-article", "applied") >= 9);
    CHECK(sum_where(parts, "topic", "board-article", "consumed") == 5);
    CHECK(sum_where(parts, "topic", "board-like", "consumed") == 4);
    CHECK(sum_where(parts, "topic", "board-view", "rejected") == 1);
    CHECK(sum_where(parts, "topic", "board-", "lag") == 0);
    CHECK(sum_where(parts, "topic", "board-", "inFlight") == 0);
    for (const auto& p : parts)
      if (p["role"] == "source")
        CHECK(p["highWatermark"] == p["position"]);
  }
  {
    INFO("shards: articles and tombstones");
    auto shards = view("/admin/v1/shards")["shards"];
    // One per ranking task: one task per internal partition.
    CHECK(shards.size() == 12);
    CHECK(sum_where(shards, "name", "shard", "articles") == 4);
    CHECK(sum_where(shards, "name", "shard", "tombstones") == 1);
    CHECK(sum_where(shards, "name", "shard", "pending") == 0);
  }
  {
    INFO("rankings: today's exact top list");
    REQUIRE(wait_until(10s, [&] {
      return view("/admin/v1/rankings")["rankings"].size() == 1;
    }));
    auto ranking = view("/admin/v1/rankings")["rankings"][0];
    CHECK(ranking["day"] == day);
    CHECK(ranking["sealed"] == false);
    CHECK(ranking["lastFlushResult"] == "ok");
    // A wall-clock instant of this run, not a truncated or monotonic one.
    auto flushed = ranking["lastFlushEpochMs"].get<int64_t>();
    CHECK(flushed >= epoch_ms(s.now) - 1000);
    CHECK(flushed <= epoch_ms(std::chrono::system_clock::now()));
    auto top = ranking["top"];
    REQUIRE(top.size() == 3);
    CHECK(top[0]["articleId"] == c); // 1 * 3 + 7 * 2 = 17
    CHECK(top[0]["score"] == 17);
    CHECK(top[1]["articleId"] == a);
    CHECK(top[1]["title"] == "alpha");
    CHECK(top[2]["score"] == 12);
  }
  {
    INFO("the Redis writer");
    auto redis = view("/admin/v1/redis");
    CHECK(redis["connected"] == true);
    CHECK(redis["listsWritten"].get<int64_t>() >= 1);
    CHECK(redis["writeErrors"] == 0);
    CHECK(redis["pendingLists"] == 0);
    CHECK(redis["fencedWrites"] == 0);
    REQUIRE(redis["owned"].size() == 12);
    CHECK(redis["owned"][0]["epoch"].get<int64_t>() > 0);
  }
  {
    INFO("actors by kind, one actor, and the top actors");
    auto actors = view("/admin/v1/actors")["actors"];
    std::map<std::string, int> kinds;
    for (const auto& actor : actors)
      ++kinds[actor["kind"].get<std::string>()];
    CHECK(kinds["partition"] == 24);
    CHECK(kinds["shard"] == 12);
    // A ranking per task holding articles of today: 4 articles, 1 to 4.
    CHECK(kinds["ranking"] >= 1);
    CHECK(kinds["ranking"] <= 4);
    CHECK(kinds["directory"] == 12);
    CHECK(kinds["writer"] == 12);
    CHECK(kinds["tasks"] == 1);
    CHECK(kinds["source"] == 1);
    auto owner = by_article_partition(article_id{c}, 12);
    auto one
      = view("/admin/v1/actors/shard%20p" + std::to_string(owner) + "-0");
    CHECK(one["kind"] == "shard");
    CHECK(one["figures"]["batches"].get<int64_t>() >= 1);
    CHECK(daemon.admin("/admin/v1/actors/nobody", token).status == 404);
    auto top = view("/admin/v1/top?by=rate&n=3");
    CHECK(top["by"] == "rate");
    CHECK(top["actors"].size() == 3);
    CHECK(view("/admin/v1/top?n=5")["actors"].size() == 5);
  }
  {
    INFO("an article's full state");
    auto state = view("/admin/v1/articles/" + std::to_string(c));
    CHECK(state["found"] == true);
    CHECK(state["known"] == true);
    CHECK(state["title"] == "gamma");
    CHECK(state["likes"] == 1);
    CHECK(state["comments"] == 7);
    CHECK(state["score"] == 17);
    CHECK(state["day"] == day);
    auto deleted = view("/admin/v1/articles/" + std::to_string(gone));
    CHECK(deleted["deleted"] == true);
    CHECK(view("/admin/v1/articles/12345")["found"] == false);
    CHECK(daemon.admin("/admin/v1/articles/abc", token).status == 400);
  }
  {
    INFO("a day's full ranking, live or from Redis");
    auto live = view("/admin/v1/days/" + day + "?n=2");
    CHECK(live["sealed"] == false);
    REQUIRE(live["articles"].size() == 2);
    CHECK(live["articles"][0]["rank"] == 1);
    CHECK(live["articles"][0]["articleId"] == c);
    CHECK(live["articles"][1]["articleId"] == a);
    auto sealed = view("/admin/v1/days/20200101");
    CHECK(sealed["sealed"] == true);
    CHECK(sealed["articles"] == json::array());
    CHECK(daemon.admin("/admin/v1/days/2020-01-01", token).status == 400);
  }
  {
    INFO("the overview puts it on one screen");
    auto overview = view("/admin/v1/overview");
    CHECK(overview["pipeline"]["partitions"] == 24);
    CHECK(overview["pipeline"]["shards"] == 12);
    CHECK(overview["pipeline"]["openDays"] == 1);
    CHECK(overview["pipeline"]["lag"] == 0);
    CHECK(overview["partitions"].size() == 24);
    CHECK(overview["rankings"][0]["top"][0]["articleId"] == c);
    CHECK(overview["redis"]["connected"] == true);
    CHECK(overview["topMailboxes"].size() == 5);
    CHECK(overview["uptimeSeconds"].get<double>() > 0);
    CHECK(overview["snowflakeMismatches"] == 0);
  }
  {
    INFO("figures say when they were taken, how old they are, in which zone");
    auto overview = view("/admin/v1/overview");
    auto taken = overview["takenEpochMs"].get<int64_t>();
    CHECK(taken >= epoch_ms(s.now) - 1000);
    CHECK(taken <= epoch_ms(std::chrono::system_clock::now()));
    CHECK(overview["ageSeconds"].get<double>() >= 0);
    // The collection goes on: a later overview was taken later.
    CHECK(wait_until(30s, [&] {
      return view("/admin/v1/overview")["takenEpochMs"].get<int64_t>() > taken;
    }));
    CHECK(overview["timeZone"]["name"] == f.calendar.zone_name());
    CHECK(overview["pipeline"]["streamTimeEpochMs"].get<int64_t>() > 0);
    auto source = view("/admin/v1/actors/kafka-source");
    CHECK(source["timeZone"] == overview["timeZone"]);
    CHECK(source["figureKinds"]["commits"] == "counter");
    CHECK(source["figureKinds"]["partitions"] == "gauge");
    CHECK(source["rates"].contains("commits"));
    CHECK_FALSE(source["rates"].contains("partitions"));
  }
  {
    INFO("top refuses a sort key it does not know, naming the ones it does");
    auto refused = daemon.admin("/admin/v1/top?by=xx", token);
    CHECK(refused.status == 400);
    CHECK(refused.json()["error"]
          == "unknown sort key 'xx': by= takes one of mailbox, rate");
  }
  {
    INFO("the source, idle in its poll, is not busy and queues nothing");
    json source;
    auto idle = wait_until(20s, [&] {
      source = view("/admin/v1/actors/kafka-source");
      return source["busy"].get<double>() < 0.2 && source["mailbox"] == 0;
    });
    INFO(source.dump());
    CHECK(idle);
  }
}
