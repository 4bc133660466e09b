// The hot-articles binary driven from outside, as a user would: Kafka fed by
// kcat and hot-articles-gen, answers read over HTTP, signals sent.
#include <catch2/catch.hpp>

#include <signal.h>

#include "tests/e2e/e2e_fixture.hpp"
#include "tests/e2e/raw_http.hpp"
#include "tests/e2e/scenario.hpp"
#include "tests/support/ranking_oracle.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace hot::test;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

json entry(int64_t id, const std::string& title, const std::string& created,
           int64_t score) {
  return {{"articleId", id},
          {"articleIdString", std::to_string(id)},
          {"title", title},
          {"createdAt", created},
          {"score", score}};
}

} // namespace

TEST_CASE("a hand-made scenario fed with kcat gives exact HTTP answers",
          "[e2e]") {
  e2e_fixture f;
  auto daemon = f.start_daemon("scenario");
  scenario s{f.calendar};
  auto a = s.id();
  auto b = s.id();
  auto c = s.id();
  auto e = s.id();
  auto created = f.calendar.local_at(s.now).to_iso();
  auto path = "/v1/hot-articles/articles/date/" + today(f.calendar).to_string();

  // C's creation uses Jackson's array dates; E is liked most, then deleted.
  f.kcat("board-article",
         {s.line(s.article(event_type::article_created, a, "alpha")),
          s.line(s.article(event_type::article_created, b, "beta")),
          s.line(s.article(event_type::article_created, c, "gamma"),
                 date_style::jackson_array),
          s.line(s.article(event_type::article_created, e, "epsilon"))});
  f.kcat("board-like", {s.line(s.count(event_type::article_liked, a, 5)),
                        s.line(s.count(event_type::article_liked, b, 4)),
                        s.line(s.count(event_type::article_liked, c, 6)),
                        s.line(s.count(event_type::article_liked, e, 10))});
  f.kcat("board-comment", {s.line(s.count(event_type::comment_created, b, 2))});
  auto first = json::array(
    {entry(e, "epsilon", created, 30), entry(c, "gamma", created, 18),
     entry(b, "beta", created, 16), entry(a, "alpha", created, 15)});
  CHECK(wait_until(30s, [&] { return daemon.get(path).json() == first; }));
  CHECK(daemon.get(path).json() == first);

  // An unlike drops C below A and B, a comment delete lowers B, a title
  // update renames A, and E's delete removes it.
  f.kcat("board-article",
         {s.line(s.article(event_type::article_updated, a, "alpha v2")),
          s.line(s.article(event_type::article_deleted, e, "epsilon"))});
  auto unlike = s.line(s.count(event_type::article_unliked, c, 2));
  f.kcat("board-like", {unlike});
  f.kcat("board-comment", {s.line(s.count(event_type::comment_deleted, b, 1))});
  auto second = json::array({entry(a, "alpha v2", created, 15),
                             entry(b, "beta", created, 14),
                             entry(c, "gamma", created, 6)});
  CHECK(wait_until(30s, [&] { return daemon.get(path).json() == second; }));
  CHECK(daemon.get(path).json() == second);

  // A duplicate and an older event change nothing: the unlike again, and a
  // like count with an id before every id of the scenario. The daemon counts
  // both before the list is read again: as stale, or, when one pull holds
  // both, the older as compacted away by the source partition.
  auto superseded = [&] {
    return metric_sum(daemon, "hot_articles_events_stale_total")
           + metric_sum(daemon, "hot_articles_events_compacted_total");
  };
  auto superseded_before = superseded();
  auto older = count_event(event_type::article_liked, c, 40,
                           snowflake_id(s.now, 0));
  older.created_at = f.calendar.local_at(s.now);
  f.kcat("board-like", {unlike, s.line(older)});
  CHECK(wait_until(30s, [&] { return superseded() == superseded_before + 2; }));
  CHECK(daemon.get(path).json() == second);
  auto recent = daemon.get("/v1/hot-articles/articles/recent").json();
  REQUIRE(recent.is_object());
  CHECK(recent["days"].size() == 7);
  CHECK(recent["days"][0]["date"] == today(f.calendar).to_string());
  CHECK(recent["days"][0]["final"] == false);
  CHECK(recent["days"][0]["status"] == "open");
  CHECK(recent["days"][1]["articles"] == json::array());
  // The daemon started with an empty Redis: the days sealed before it are
  // unknown to it, not final and empty. Before the seal hour yesterday is
  // still open.
  auto yesterday = today(f.calendar).plus_days(-1);
  bool sealed = yesterday <= f.calendar.last_sealed_at(now_instant());
  CHECK(recent["days"][1]["status"] == (sealed ? "unknown" : "open"));
  CHECK(recent["days"][1]["final"] == false);
  CHECK(recent["days"][2]["status"] == "unknown");
  auto current = daemon.get("/v1/hot-articles/articles/current").json();
  CHECK(current.value("status", "") == "unknown");
  CHECK(current.value("final", true) == false);

  {
    INFO("bad requests get clear JSON errors");
    auto bad = daemon.get("/v1/hot-articles/articles/date/2025-13-01");
    CHECK(bad.status == 400);
    CHECK_THAT(bad.json().value("error", ""), Catch::Contains("yyyyMMdd"));
    CHECK(daemon.get("/v1/hot-articles/articles/date/20250230").status == 400);
    auto none = daemon.get("/v1/hot-articles/articles/date/20200101");
    CHECK(none.status == 200);
    CHECK(none.json() == json::array());
    auto missing = daemon.get("/nope");
    CHECK(missing.status == 404);
    CHECK(missing.json().value("status", 0) == 404);
    CHECK(daemon.get(path, "POST").status == 405);
  }
  {
    INFO("other methods get 405 without waiting for a body");
    // The announced body never comes: a server waiting for it would end
    // the request with 408 at its deadline instead.
    auto post = raw_exchange("127.0.0.1", daemon.http_port,
                             "POST /v1/hot-articles/articles/current "
                             "HTTP/1.1\r\nHost: t\r\nContent-Length: 1000"
                             "\r\n\r\n");
    CHECK(post.status() == 405);
    CHECK(post.closed_by_server);
    CHECK_THAT(post.text, Catch::Contains("Allow: GET, HEAD"));
    auto options = raw_exchange("127.0.0.1", daemon.http_port,
                                "OPTIONS /health HTTP/1.1\r\nHost: t\r\n"
                                "Connection: close\r\n\r\n");
    CHECK(options.status() == 405);
    INFO("keep-alive is announced without a nonsense request count");
    auto kept = raw_exchange("127.0.0.1", daemon.http_port,
                             "GET /health HTTP/1.1\r\nHost: t\r\n\r\n", 2s);
    CHECK_THAT(kept.text, Catch::Contains("Keep-Alive: timeout=5\r\n"));
  }
  {
    INFO("metrics count what happened");
    // Figures are collected once a second: wait for a round that saw the
    // partitions.
    std::string metrics;
    wait_until(10s, [&] {
      metrics = daemon.get("/metrics").body;
      return metrics.find("hot_articles_events_consumed_total")
             != std::string::npos;
    });
    CHECK_THAT(metrics,
               Catch::Contains(
                 "hot_articles_events_consumed_total{topic=\"board-like\"}"));
    CHECK_THAT(metrics,
               Catch::Contains("# TYPE hot_articles_consumer_lag gauge"));
    // The requests above, by route and status, and the process itself.
    CHECK_THAT(
      metrics,
      Catch::Contains(
        R"(hot_articles_http_requests_total{route="date",status="400"})"));
    CHECK_THAT(
      metrics,
      Catch::Contains(
        R"(hot_articles_http_requests_total{route="other",status="404"})"));
    CHECK_THAT(metrics,
               Catch::Contains("# TYPE hot_articles_http_request_duration_"
                               "seconds histogram"));
    CHECK_THAT(metrics, Catch::Contains("\nprocess_resident_memory_bytes "));
    CHECK_THAT(metrics, Catch::Contains("\nhot_articles_ready 1\n"));
    CHECK_THAT(metrics, Catch::Contains("hot_articles_last_flush_timestamp_"
                                        "seconds{day=\""
                                        + today(f.calendar).to_string()));
    // Every HELP text is a sentence.
    for (size_t at = metrics.find("# HELP "); at != std::string::npos;
         at = metrics.find("# HELP ", at + 1)) {
      auto line = metrics.substr(at, metrics.find('\n', at) - at);
      INFO(line);
      CHECK(line.back() == '.');
      CHECK(line.find(" that for ") == std::string::npos);
    }
  }
}

TEST_CASE("generator traffic ends as the oracle's lists, and SIGTERM stops in "
          "time with everything committed",
          "[e2e]") {
  e2e_fixture f;
  auto daemon = f.start_daemon("generated");
  f.generate(4000, 7);
  auto day = today(f.calendar);
  auto expected = rank_open_days(f.dumped(), f.calendar, score_weights{}, 10,
                                 10);
  auto want = json::array();
  for (const auto& e : expected[day].list)
    want.push_back(e.id);
  auto path = "/v1/hot-articles/articles/date/" + day.to_string();
  auto ids = [&] {
    auto got = json::array();
    for (const auto& a : daemon.get(path).json())
      got.push_back(a["articleId"]);
    return got;
  };
  REQUIRE(want.size() == 10);
  CHECK(wait_until(60s, [&] { return ids() == want; }));
  CHECK(ids() == want);

  daemon.process->signal(SIGTERM);
  auto code = daemon.process->wait(20s);
  REQUIRE(code);
  CHECK(*code == 0);
  CHECK(f.all_committed("generated"));
  CHECK_THAT(daemon.process->output(),
             Catch::Contains("stopped: everything stored and committed"));
}

TEST_CASE("after SIGKILL a restarted daemon ends with the same lists",
          "[e2e]") {
  e2e_fixture f;
  auto daemon = f.start_daemon("killed");
  // Kill it in the middle of the stream: once it consumed events, while
  // the generator still produces them (8000 at 2000 per second).
  auto generator = f.start_generator(8000, 11, 2000);
  REQUIRE(wait_until(60s, [&] {
    return metric_sum(daemon, "hot_articles_events_consumed_total") > 0;
  }));
  REQUIRE(generator->running());
  daemon.process->signal(SIGKILL);
  REQUIRE(daemon.process->wait(10s) == 128 + SIGKILL);
  CHECK(generator->running());
  REQUIRE(generator->wait(60s) == 0);
  f.generate(2000, 12);
  auto restarted = f.start_daemon("killed");
  auto day = today(f.calendar);
  auto expected = rank_open_days(f.dumped(), f.calendar, score_weights{}, 10,
                                 10);
  auto want = ids_and_scores(expected[day].list);
  auto got = [&] { return served_ids_and_scores(restarted, day); };
  CHECK(wait_until(90s, [&] { return got() == want; }));
  CHECK(got() == want);
}

TEST_CASE("bad configuration is refused at start with a clear message",
          "[e2e]") {
  auto bad = [](std::vector<std::string> args) {
    args.insert(args.begin(), bin("hot-articles"));
    return run_command(std::move(args), 10s);
  };
  auto r = bad({"--redis.port=70000"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output,
             Catch::Contains("--redis.port=70000: expected an integer"));
  r = bad({"--ranking.timezone=Nowhere/City"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("unknown time zone 'Nowhere/City'"));
  r = bad({"--no-such-option=1"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("unknown option --no-such-option"));
  r = bad({"--admin.host=0.0.0.0"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("set admin.token"));
  r = bad({"--help"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("--kafka.brokers=<text>"));
  CHECK_THAT(r.output, Catch::Contains("(default \"hot-article\")"));
}

TEST_CASE("with Redis down at start the daemon waits, unready, then serves",
          "[e2e]") {
  e2e_fixture f;
  f.redis.stop();
  auto daemon = f.start_daemon("late-redis", {}, false);
  CHECK(wait_until(30s, [&] { return daemon.get("/health").status == 503; }));
  auto health = daemon.get("/health").json();
  CHECK(health["ready"] == false);
  CHECK(health["checks"]["redis"]["ok"] == false);
  CHECK(wait_until(30s, [&] {
    return daemon.process->output().find("cannot reach Redis")
           != std::string::npos;
  }));
  CHECK(daemon.process->running());
  f.redis.start();
  CHECK(wait_until(60s, [&] { return daemon.get("/health").status == 200; }));
}

TEST_CASE("with Kafka unreachable the daemon stays unready and says why",
          "[e2e]") {
  e2e_fixture f;
  auto port = free_port();
  auto daemon = f.start_daemon(
    "no-kafka", {"--kafka.brokers=127.0.0.1:" + std::to_string(port)}, false);
  CHECK(wait_until(30s, [&] {
    auto health = daemon.get("/health").json();
    return health.is_object() && health["checks"]["redis"]["ok"] == true
           && health["checks"]["pipeline"]["detail"] == "waiting for Kafka"
           && health["checks"]["kafka"]["ok"] == false;
  }));
  CHECK(wait_until(30s, [&] {
    return daemon.process->output().find("does not answer")
           != std::string::npos;
  }));
  auto health = daemon.get("/health");
  CHECK(health.status == 503);
  CHECK(health.json()["checks"]["kafka"]["detail"]
        == "all brokers down; librdkafka keeps retrying");
  daemon.process->signal(SIGTERM);
  CHECK(daemon.process->wait(30s) == 0);
}
