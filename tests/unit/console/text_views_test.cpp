// The admin interface's JSON as text: fixtures in, lines out.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cwchar>
#include <sstream>

#include "app/console/number_format.hpp"
#include "app/console/overview_text.hpp"
#include "app/console/state_views.hpp"
#include "app/console/text_views.hpp"
#include "app/console/zone_time.hpp"

using namespace hot::console;
using json = nlohmann::json;

namespace {

// 2026-11-22T07:55:00+09:00, just after the fixture's figures were taken.
constexpr int64_t now_ms = 1795301700000;

// Trimmed from a real /admin/v1/overview answer.
const json overview = json::parse(R"json({
  "taken": "2026-11-21T22:54:39.492Z",
  "takenEpochMs": 1795301679492, "ageSeconds": 2.14,
  "timeZone": {"name": "Asia/Seoul", "abbreviation": "KST",
               "utcOffsetSeconds": 32400, "utcOffset": "+09:00"},
  "uptimeSeconds": 3725.4,
  "throughput": {"consumedPerSecond": 19.98, "appliedPerSecond": 19.98,
                 "latePerSecond": 0.0, "rejectedPerSecond": -0.0001,
                 "redisWritesPerSecond": 9.99},
  "pipeline": {"sealedThrough": "20261121",
               "streamTime": "2026-11-21T22:54:34.291Z",
               "streamTimeEpochMs": 1795301674291, "openDays": 1,
               "lag": 3, "partitions": 2, "shards": 1, "actors": 6},
  "partitions": [
    {"name": "partition board-like/2", "topic": "board-like", "partition": 2,
     "role": "source", "watermarkEpochMs": 1795301673000, "position": 4007, "committed": 3996, "highWatermark": 4010, "lag": 3,
     "inFlight": 2, "paused": false, "consumedPerSecond": 11.0,
     "mailbox": 0, "late": 0, "rejected": 1},
    {"name": "partition board-view/10", "topic": "board-view",
     "partition": 10, "position": 0, "committed": 0, "highWatermark": 0,
     "lag": 0, "inFlight": 0, "paused": true, "consumedPerSecond": 0.0,
     "mailbox": 12, "late": 0, "rejected": 0}],
  "shards": [{"name": "shard 0", "articles": 6, "pending": 1,
              "tombstones": 2, "appliedPerSecond": 8.99, "openDays": 1,
              "mailbox": 0, "busy": 0.000217, "messagesPerSecond": 10.98}],
  "rankings": [{"name": "ranking 20261122", "day": "20261122",
                "sealed": false, "flushes": 50, "flushErrors": 0,
                "lastFlushEpochMs": 1795301698500,
                "lastFlushLatencyMicros": 679, "lastFlushResult": "ok",
                "mailbox": 0,
                "top": [{"articleId": 382665109652115456, "score": 712,
                         "title": "추천 리뷰 질문 여행 추천"},
                        {"articleId": 382665109438205952, "score": 626,
                         "title": "이벤트 장애"}]}],
  "redis": {"address": "127.0.0.1:16399", "connected": true,
            "connectionErrors": 0, "editsWritten": 0, "lastError": "",
            "lastLatencyMicros": 365, "listsWritten": 50, "mailbox": 0,
            "pendingLists": 0, "pendingOps": 0, "writeErrors": 0,
            "writesPerSecond": 9.99},
  "topMailboxes": [{"name": "kafka-source", "kind": "source", "mailbox": 2,
                    "messagesPerSecond": 10.98, "busy": 1.0001}]
})json");

std::string joined(const text_lines& lines) {
  std::string out;
  for (const auto& line : lines)
    out += line.text + "\n";
  return out;
}

const text_line* line_with(const text_lines& lines, const std::string& part) {
  auto i = std::find_if(lines.begin(), lines.end(), [&](const text_line& l) {
    return l.text.find(part) != std::string::npos;
  });
  return i == lines.end() ? nullptr : &*i;
}

bool valid_utf8(const std::string& text) {
  std::mbstate_t state{};
  const char* src = text.c_str();
  return std::mbsrtowcs(nullptr, &src, 0, &state) != static_cast<size_t>(-1);
}

} // namespace

TEST_CASE("the overview shows every section of the daemon's figures") {
  auto lines = overview_text(overview, overview["topMailboxes"],
                             actor_order::mailbox, now_ms);
  auto text = joined(lines);
  CHECK_THAT(text, Catch::Contains("daemon up 1h02m"));
  CHECK_THAT(text, Catch::Contains("consumed 20.0/s"));
  CHECK_THAT(text, Catch::Contains("rejected 0.0/s"));
  CHECK_THAT(text, Catch::Contains("sealed through 20261121"));
  CHECK_THAT(text, Catch::Contains("PARTITIONS (2 source, 0 internal)"));
  CHECK_THAT(text, Catch::Contains("board-view/10"));
  CHECK_THAT(text, Catch::Contains("PAUSED"));
  CHECK_THAT(
    text, Catch::Contains("last flush 07:54:58 KST (1.5s ago): ok in 0.68 ms"));
  CHECK_THAT(text, Catch::Contains("127.0.0.1:16399  connected"));
  CHECK_THAT(text, Catch::Contains("FULLEST MAILBOXES"));
  auto* first = line_with(lines, "382665109652115456");
  REQUIRE(first != nullptr);
  CHECK_THAT(first->text, Catch::Matches(" +1  382665109652115456 +712  "
                                         "추천 리뷰 질문 여행 추천"));
  auto* header = line_with(lines, "POSITION");
  REQUIRE(header != nullptr);
  CHECK(header->style == line_style::heading);
  SECTION("by rate, the actor list says so") {
    auto by_rate = joined(
      overview_text(overview, json::array(), actor_order::rate, now_ms));
    CHECK_THAT(by_rate, Catch::Contains("BUSIEST ACTORS (by message rate)"));
  }
}

TEST_CASE("every time shows in the ranking zone, which the header names") {
  auto lines = overview_text(overview, overview["topMailboxes"],
                             actor_order::mailbox, now_ms);
  auto text = joined(lines);
  CHECK(lines.at(0).text
        == "figures 2.1 s old  (taken 07:54:39 KST)  daemon up 1h02m  times "
           "in KST (Asia/Seoul, +09:00)");
  CHECK(lines.at(0).style == line_style::normal);
  CHECK_THAT(text, Catch::Contains("stream time 2026-11-22 07:54:34 KST"));
  CHECK_THAT(text, Catch::Contains("07:54:33 KST")); // the watermark
  CHECK_THAT(text, !Catch::Contains("Z "));
  SECTION("without a zone, times are UTC and say so") {
    auto bare = overview;
    bare.erase("timeZone");
    auto utc = joined(
      overview_text(bare, json::array(), actor_order::mailbox, now_ms));
    CHECK_THAT(utc, Catch::Contains("(taken 22:54:39 UTC)"));
    CHECK_THAT(utc, Catch::Contains("times in UTC (UTC, +00:00)"));
    CHECK_THAT(utc, Catch::Contains("stream time 2026-11-21 22:54:34 UTC"));
  }
  SECTION("a zone without an abbreviation shows its offset") {
    auto zone = zone_of(json::parse(R"({"timeZone": {"name": "Asia/Almaty",
      "abbreviation": "+05", "utcOffsetSeconds": 18000,
      "utcOffset": "+05:00"}})"));
    CHECK(clock_text(now_ms, zone) == "03:55:00 +05:00");
    CHECK(zone_heading(zone) == "times in Asia/Almaty (+05:00)");
  }
  SECTION("a flush of another day shows its date") {
    auto kst = zone_of(overview);
    CHECK(moment_text(now_ms - 8 * 3'600'000, now_ms, kst)
          == "2026-11-21 23:55:00 KST (8h00m ago)");
    CHECK(moment_text(0, now_ms, kst) == "never");
  }
}

TEST_CASE("figures that trail Redis by seconds say how old they are, loudly") {
  auto old = overview;
  old["ageSeconds"] = 7.25;
  auto lines = overview_text(old, json::array(), actor_order::mailbox, now_ms);
  CHECK_THAT(lines.at(0).text, Catch::StartsWith("figures 7.2 s old"));
  CHECK(lines.at(0).style == line_style::alert);
}

TEST_CASE("at 80 and 120 columns the header lines fit whole") {
  for (size_t width : std::vector<size_t>{80, 120}) {
    auto lines = overview_text(overview, overview["topMailboxes"],
                               actor_order::mailbox, now_ms, width);
    std::string header;
    for (const auto& line : lines) {
      INFO("width " << width << ": " << line.text);
      CHECK(display_width(line.text) <= width);
      if (line.text.rfind("PARTITIONS", 0) == 0)
        break;
      // Nothing of the header is cut off.
      CHECK(line.text.find("…") == std::string::npos);
      header += line.text + "\n";
    }
    INFO(header);
    for (const auto* part :
         {"times in KST (Asia/Seoul, +09:00)", "daemon up 1h02m",
          "redis writes 10.0/s", "sealed through 20261121", "actors 6",
          "stream time 2026-11-22 07:54:34 KST"})
      CHECK_THAT(header, Catch::Contains(part));
  }
  auto redis = ranking_lines(overview["rankings"], now_ms, zone_of(overview),
                             80);
  for (const auto& line : redis)
    CHECK(line.text.find("…") == std::string::npos);
}

TEST_CASE("snowflake mismatches warn and name the setting that stops them") {
  auto text = joined(
    overview_text(overview, json::array(), actor_order::mailbox, now_ms, 80));
  CHECK_THAT(text, !Catch::Contains("snowflake-article-ids"));
  auto mismatched = overview;
  mismatched["snowflakeMismatches"] = 3;
  auto lines = overview_text(mismatched, json::array(), actor_order::mailbox,
                             now_ms, 80);
  auto* warning = line_with(lines, "WARNING: 3 articles");
  REQUIRE(warning != nullptr);
  CHECK(warning->style == line_style::alert);
  CHECK_THAT(joined(lines),
             Catch::Contains("shards.snowflake-article-ids=false"));
}

TEST_CASE("empty mailboxes are said to be empty, not listed as full") {
  auto idle = json::parse(R"([{"name": "kafka-source", "kind": "source",
    "mailbox": 0, "messagesPerSecond": 10.0, "busy": 0.001}])");
  auto text
    = joined(overview_text(overview, idle, actor_order::mailbox, now_ms));
  CHECK_THAT(text, Catch::Contains("every mailbox is empty"));
  CHECK_THAT(joined(overview_text(overview, overview["topMailboxes"],
                                  actor_order::mailbox, now_ms)),
             !Catch::Contains("every mailbox is empty"));
}

TEST_CASE("table columns line up by display width under Korean titles") {
  auto lines = ranking_lines(overview["rankings"], now_ms, zone_of(overview),
                             unlimited);
  auto* a = line_with(lines, "712");
  auto* b = line_with(lines, "626");
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  // Right-aligned scores end in the same column.
  CHECK(a->text.find("712") == b->text.find("626"));
  auto partitions = partition_table(overview["partitions"], zone_of(overview),
                                    unlimited);
  REQUIRE(partitions.size() == 3);
  auto lag_end = partitions[0].text.find("LAG") + 3;
  CHECK(partitions[1].text.substr(lag_end - 1, 1) == "3");
  CHECK(partitions[2].text.substr(lag_end - 1, 1) == "0");
}

TEST_CASE("at 80 columns the partition table folds into tables that fit, "
          "every cell kept") {
  auto whole = partition_table(overview["partitions"], zone_of(overview),
                               unlimited);
  REQUIRE(display_width(whole[0].text) > 80);
  auto split = partition_table(overview["partitions"], zone_of(overview), 80);
  // Two headers, a row per partition under each, a blank line between.
  REQUIRE(split.size() == 2 * whole.size() + 1);
  for (const auto& line : split) {
    INFO(line.text);
    CHECK(display_width(line.text) <= 80);
  }
  CHECK_THAT(split[0].text, Catch::Contains("PAUSED"));
  CHECK_THAT(split[whole.size() + 1].text, Catch::StartsWith("PARTITION"));
  CHECK_THAT(split[whole.size() + 1].text, Catch::Contains("WATERMARK"));
  // Every cell of the whole table is in the split one, under the same
  // partition.
  for (size_t row = 1; row < whole.size(); ++row) {
    auto top = split[row].text + " " + split[whole.size() + 1 + row].text;
    std::istringstream cells{whole[row].text};
    for (std::string cell; cells >> cell;) {
      INFO(whole[row].text);
      CHECK_THAT(top, Catch::Contains(cell));
    }
  }
  // A wide terminal keeps the one table.
  CHECK(partition_table(overview["partitions"], zone_of(overview), 200).size()
        == whole.size());
}

TEST_CASE("on a narrow screen every line is cut to the width, never wrapped") {
  for (size_t width : std::vector<size_t>{0, 1, 5, 20, 33, 47}) {
    auto lines = overview_text(overview, overview["topMailboxes"],
                               actor_order::mailbox, now_ms, width);
    for (const auto& line : lines) {
      INFO("width " << width << ": " << line.text);
      CHECK(display_width(line.text) <= width);
      CHECK(valid_utf8(line.text));
      CHECK(line.text.find('\n') == std::string::npos);
    }
  }
}

TEST_CASE("an article's state shows its title, counts, score and versions") {
  auto article = json::parse(R"json({"articleId": 382665109438205952,
    "boardId": 2, "comments": 2, "commentsVersion": 11, "createdAt":
    "2026-11-22T07:54:31.664", "day": "20261122", "deleted": false,
    "found": true, "known": true, "likes": 17, "likesVersion": 12,
    "pendingEvents": 0, "score": 1055, "shard": 1, "title": "이벤트 장애",
    "titleVersion": 13, "views": 1000, "viewsVersion": 14})json");
  auto lines = article_text(article);
  CHECK(lines.at(0).text == "article 382665109438205952 in shard 1");
  CHECK_THAT(joined(lines), Catch::Contains("title           이벤트 장애"));
  CHECK_THAT(joined(lines),
             Catch::Contains("likes           17  (version 12)"));
  CHECK_THAT(joined(lines), Catch::Contains("score           1055"));
  CHECK_THAT(joined(lines), Catch::Contains("state           live"));
  SECTION("an article no shard holds says so") {
    article["found"] = false;
    article["known"] = false;
    CHECK_THAT(joined(article_text(article)),
               Catch::Contains("unknown to its shard"));
  }
  SECTION("a deleted article says so") {
    article["deleted"] = true;
    CHECK_THAT(joined(article_text(article)), Catch::Contains("deleted"));
  }
}

TEST_CASE("an actor's detail is flattened, its top list one line an entry") {
  auto actor
    = json::parse(R"json({"name": "ranking 20261122", "kind": "ranking",
    "messages": 112, "messagesPerSecond": 9.98, "busy": 0.5, "mailbox": 3,
    "figures": {"flushes": 50}, "rates": {"flushes": 2.0},
    "detail": {"day": "20261122", "rejectedBy": {"malformed_json": 2},
               "top": [{"articleId": 7, "score": 40, "title": "핫"}],
               "empty": []}})json");
  auto text = joined(actor_text(actor, now_ms));
  CHECK_THAT(text, Catch::Contains("actor ranking 20261122 (ranking)"));
  CHECK_THAT(text, Catch::Contains("messages 112 (10.0/s)  mailbox 3  busy "
                                   "50.0%"));
  CHECK_THAT(text, Catch::Contains("flushes     50     2.0"));
  CHECK_THAT(text, Catch::Contains("rejectedBy.malformed_json  2"));
  CHECK_THAT(text, Catch::Contains("top[0]                     articleId=7  "
                                   "score=40  title=핫"));
  CHECK_THAT(text, Catch::Contains("empty                      []"));
}

TEST_CASE("gauges have no rate, instants read as times in the zone") {
  auto actor = json::parse(R"json({"name": "ranking 20261122",
    "kind": "ranking", "timeZone": {"name": "Asia/Seoul",
    "abbreviation": "KST", "utcOffsetSeconds": 32400, "utcOffset": "+09:00"},
    "figures": {"flushes": 50, "last_flush_latency_us": 566,
                "stream_time_ms": 1795301674291},
    "figureKinds": {"flushes": "counter", "last_flush_latency_us": "gauge",
                    "stream_time_ms": "instant"},
    "rates": {"flushes": 2.0},
    "detail": {"lastFlushEpochMs": 1795301698500}})json");
  auto lines = actor_text(actor, now_ms);
  auto* gauge = line_with(lines, "last_flush_latency_us");
  REQUIRE(gauge != nullptr);
  CHECK_THAT(gauge->text, Catch::Matches("last_flush_latency_us +566 +-"));
  auto* counter = line_with(lines, "flushes");
  REQUIRE(counter != nullptr);
  CHECK_THAT(counter->text, Catch::Matches("flushes +50 +2.0"));
  auto* instant = line_with(lines, "stream_time_ms");
  REQUIRE(instant != nullptr);
  CHECK_THAT(instant->text, Catch::Contains("07:54:34 KST (25.7s ago)"));
  auto* flushed = line_with(lines, "lastFlushEpochMs");
  REQUIRE(flushed != nullptr);
  CHECK_THAT(flushed->text, Catch::EndsWith("07:54:58 KST (1.5s ago)"));
  SECTION("a gauge's rate sent anyway is not shown") {
    actor["rates"]["last_flush_latency_us"] = -59.9;
    CHECK_THAT(joined(actor_text(actor, now_ms)), !Catch::Contains("-59.9"));
  }
}

TEST_CASE("a day's ranking lists rank, id, score, creation and title") {
  auto day = json::parse(R"json({"day": "20261121", "sealed": true,
    "source": "redis (list and reserve)", "articles": [
      {"rank": 1, "articleId": 5, "score": 30, "title": "핫 게시글",
       "createdAt": "2026-11-21T10:00:00"}]})json");
  auto lines = day_text(day);
  CHECK(lines.at(0).text
        == "day 20261121  sealed  from redis (list and reserve)  1 articles");
  CHECK_THAT(lines.at(2).text,
             Catch::Matches(" +1 +5 +30  2026-11-21T10:00:00  핫 게시글"));
}

TEST_CASE("a board's day list names the board in its heading") {
  auto day = json::parse(R"json({"day": "20261121", "board": 7,
    "sealed": false, "source": "redis (board list)", "articles": [
      {"rank": 1, "articleId": 5, "score": 30, "title": "핫 게시글",
       "createdAt": "2026-11-21T10:00:00"}]})json");
  auto lines = day_text(day);
  CHECK(lines.at(0).text
        == "day 20261121  board 7  open  from redis (board list)  1 articles");
  CHECK_THAT(lines.at(2).text,
             Catch::Matches(" +1 +5 +30  2026-11-21T10:00:00  핫 게시글"));
}

TEST_CASE("the most active boards show count and best article in columns") {
  auto doc = json::parse(R"json({"day": "20261121", "boards": [
      {"boardId": 12, "articles": 1520,
       "top": {"articleId": 382665109652115456, "score": 712,
               "title": "추천 리뷰 질문 여행 추천"}},
      {"boardId": 7, "articles": 33,
       "top": {"articleId": 5, "score": 9, "title": "quiet board"}},
      {"boardId": 3, "articles": 2, "top": null}]})json");
  auto lines = boards_text(doc);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0].text == "day 20261121  3 most active boards");
  CHECK(lines[0].style == line_style::heading);
  CHECK_THAT(lines[1].text,
             Catch::Matches("BOARD +ARTICLES +TOP ARTICLE +SCORE +TITLE"));
  CHECK_THAT(lines[2].text, Catch::Matches(" +12 +1520 +382665109652115456 "
                                           "+712 +추천 리뷰 질문 여행 추천"));
  CHECK_THAT(lines[3].text, Catch::Matches(" +7 +33 +5 +9 +quiet board"));
  CHECK_THAT(lines[4].text,
             Catch::Matches(" +3 +2 +- +- +\\(list not written yet\\)"));
  // Right-aligned counts end in one column, whatever the titles' widths.
  CHECK(lines[2].text.find("1520") + 4 == lines[3].text.find("33") + 2);
  SECTION("at 40 columns every line is cut to fit") {
    for (const auto& line : boards_text(doc, 40)) {
      INFO(line.text);
      CHECK(display_width(line.text) <= 40);
      CHECK(valid_utf8(line.text));
    }
  }
  SECTION("a day without boards says so") {
    auto none
      = boards_text(json{{"day", "20261121"}, {"boards", json::array()}});
    REQUIRE(none.size() == 2);
    CHECK(none[1].text == "no board has an article that day");
  }
}

TEST_CASE("views of unexpected JSON print what they can and never throw") {
  const auto odd = json::parse(R"json({"actors": 3, "partitions": {"x": 1},
                       "rankings": [{"top": "none", "day": 5}],
                       "redis": [], "articles": [1, 2]})json");
  for (const auto& doc :
       {json(nullptr), json::array(), json::object(), json("text"), odd}) {
    INFO(doc.dump());
    // What cannot be read shows as empty, zero or unknown: never as the
    // JSON it came as.
    std::vector<text_lines> views;
    auto view = [&](auto&& make) {
      REQUIRE_NOTHROW(views.push_back(make()));
      return views.back();
    };
    auto overview_lines = joined(view(
      [&] { return overview_text(doc, doc, actor_order::rate, now_ms, 40); }));
    CHECK_THAT(overview_lines, Catch::StartsWith("figures of -  daemon up 0s"));
    CHECK_THAT(overview_lines,
               Catch::Contains("PARTITIONS (0 source, 0 internal)\n"
                               "no partition assigned (yet)"));
    CHECK(joined(view([&] { return actors_text(doc); }))
          == "ACTOR  KIND  MAILBOX  MSG/S  BUSY  MESSAGES\n");
    CHECK(joined(view([&] { return actor_text(doc, now_ms); }))
          == "actor  ()\nmessages 0 (0.0/s)  mailbox 0  busy 0.0%\n");
    auto article = view([&] { return article_text(doc); });
    CHECK(article.at(0).text == "article 0 in shard 0");
    CHECK_THAT(article.at(1).text,
               Catch::StartsWith("state     unknown to its shard"));
    auto rows = doc == odd ? 2 : 0;
    auto day = view([&] { return day_text(doc); });
    CHECK(day.at(0).text
          == "day   open  from   " + std::to_string(rows) + " articles");
    REQUIRE(day.size() == 2 + static_cast<size_t>(rows));
    for (size_t i = 2; i < day.size(); ++i)
      CHECK_THAT(day[i].text, Catch::Matches(" +0 +0 +0 +"));
    CHECK(view([&] { return partitions_text(doc); }).size() == 1);
    CHECK(view([&] { return shards_text(doc); }).size() == 1);
    auto rankings = view([&] { return rankings_text(doc, now_ms); });
    CHECK(rankings.at(0).text == "sealed through ");
    CHECK_THAT(rankings.at(1).text,
               Catch::StartsWith(doc == odd ? "day   open  flushes 0"
                                            : "no open day has a ranking"));
    auto redis = joined(view([&] { return redis_text(doc); }));
    CHECK_THAT(redis, Catch::StartsWith("address            ?\n"
                                        "connected          NO\n"));
    CHECK(joined(view([&] { return top_text(doc); }))
          == "actors by mailbox\nACTOR  KIND  MAILBOX  MSG/S  BUSY\n");
    CHECK(joined(view([&] { return boards_text(doc); }))
          == "day   0 most active boards\nno board has an article that day\n");
    auto odd_boards = json{{"boards", json::array({doc, json{{"top", "x"}}})}};
    CHECK(joined(view([&] { return boards_text(odd_boards); }))
          == "day   2 most active boards\n"
             "BOARD  ARTICLES  TOP ARTICLE  SCORE  TITLE\n"
             "    0         0            -      -  (list not written yet)\n"
             "    0         0            -      -  (list not written yet)\n");
    for (const auto& lines : views)
      for (const auto& line : lines)
        CHECK_THAT(line.text, !Catch::Contains("null") && !Catch::Contains("\"")
                                && !Catch::Contains("text"));
  }
}

TEST_CASE("figures read as rates, percentages, latencies and ages") {
  CHECK(rate_text(19.98) == "20.0/s");
  CHECK(rate_text(-0.0001) == "0.0/s");
  CHECK(percent_text(1.0001) == "100.0%");
  CHECK(micros_text(679) == "0.68 ms");
  CHECK(micros_text(45'000) == "45 ms");
  CHECK(micros_text(2'500'000) == "2.5 s");
  CHECK(duration_text(59) == "59s");
  CHECK(duration_text(185) == "3m05s");
  CHECK(duration_text(3725.4) == "1h02m");
  CHECK(duration_text(90'000) == "1d01h");
  CHECK(age_text(0, now_ms) == "never");
  CHECK(age_text(now_ms - 1500, now_ms) == "1.5s ago");
  CHECK(age_text(now_ms - 125'000, now_ms) == "2m05s ago");
  // A time that cannot be right shows as itself, not as 56 years ago.
  CHECK(age_text(5349562, now_ms) == "1970-01-01T01:29:09Z");
}
