// hot-articles-console driven as an operator would: in tmux against a
// running daemon fed with kcat, and from scripts with --once and --json.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/e2e/console/tmux_session.hpp"
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/e2e/scenario.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace hot::test;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

struct ranked {
  int64_t id;
  int64_t score;
  std::string title;
};

/// Twelve articles with Korean titles liked 1..12 times (a like scores 3):
/// the top 10 are those liked 12 down to 3 times.
std::vector<ranked> feed_known_articles(e2e_fixture& f) {
  scenario s{f.calendar};
  std::vector<std::string> created;
  std::vector<std::string> liked;
  std::vector<ranked> all;
  for (int64_t n = 1; n <= 12; ++n) {
    auto id = s.id();
    auto title = "핫 게시글 " + std::to_string(n);
    created.push_back(
      s.line(s.article(event_type::article_created, id, title)));
    liked.push_back(s.line(s.count(event_type::article_liked, id, n)));
    all.push_back({id, 3 * n, title});
  }
  f.kcat("board-article", created);
  f.kcat("board-like", liked);
  std::vector<ranked> top(all.rbegin(), all.rbegin() + 10);
  return top;
}

/// Waits until the daemon's own HTTP list is `top`: then every view of the
/// console has it too.
void wait_for_list(const daemon_run& d, const e2e_fixture& f,
                   const std::vector<ranked>& top) {
  auto want = json::array();
  for (const auto& r : top)
    want.push_back({{"articleId", r.id}, {"score", r.score}});
  auto path = "/v1/hot-articles/articles/date/" + today(f.calendar).to_string();
  auto got = [&] {
    auto out = json::array();
    auto list = d.get(path).json();
    if (list.is_array())
      for (const auto& a : list)
        out.push_back({{"articleId", a["articleId"]}, {"score", a["score"]}});
    return out;
  };
  REQUIRE(wait_until(60s, [&] { return got() == want; }));
}

/// Waits until the admin interface's figures, which refresh about every
/// second, show `top` as today's ranking too.
void wait_for_figures(const daemon_run& d, const std::vector<ranked>& top) {
  auto want = json::array();
  for (const auto& r : top)
    want.push_back({{"articleId", r.id}, {"score", r.score}});
  REQUIRE(wait_until(30s, [&] {
    auto rankings = d.admin("/admin/v1/rankings").json();
    if (!rankings.is_object())
      return false;
    for (const auto& r : rankings["rankings"]) {
      auto got = json::array();
      for (const auto& a : r["top"])
        got.push_back({{"articleId", a["articleId"]}, {"score", a["score"]}});
      if (got == want)
        return true;
    }
    return false;
  }));
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in{text};
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

/// Columns of a line without wide characters: one per UTF-8 sequence.
size_t narrow_columns(const std::string& line) {
  return static_cast<size_t>(
    std::count_if(line.begin(), line.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

/// True when `text` shows the day's ranking `top` in order: rank, id,
/// score and title on one line each, under the line naming `day`.
bool shows_top(const std::string& text, const std::string& day,
               const std::vector<ranked>& top) {
  auto lines = lines_of(text);
  size_t at = 0;
  while (at < lines.size() && lines[at].rfind("day " + day + "  open", 0) != 0)
    ++at;
  static const std::regex entry{R"(^\s+(\d+)\s+(\d+)\s+(\d+)\s+(.*)$)"};
  for (size_t rank = 1; rank <= top.size(); ++rank) {
    std::smatch m;
    if (++at >= lines.size() || !std::regex_match(lines[at], m, entry)) {
      // The table's header comes first.
      if (rank == 1 && at < lines.size()
          && lines[at].find("ARTICLE") != std::string::npos) {
        --rank;
        continue;
      }
      return false;
    }
    const auto& want = top[rank - 1];
    if (m[1] != std::to_string(rank) || m[2] != std::to_string(want.id)
        || m[3] != std::to_string(want.score) || m[4] != want.title)
      return false;
  }
  return true;
}

/// Waits until the pane satisfies `shows`; fails with the pane's text.
template <class Predicate>
void expect_pane(const tmux_session& tmux, const std::string& what,
                 Predicate shows) {
  std::string pane;
  auto seen = wait_until(
    30s,
    [&] {
      pane = tmux.capture();
      return shows(pane);
    },
    100ms);
  if (!seen)
    FAIL("the console never showed " << what << "; the pane shows:\n" << pane);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool matches(const std::string& text, const std::string& pattern) {
  return std::regex_search(text, std::regex{pattern});
}

/// The console's command line in tmux; its own HOME keeps the history
/// out of the user's.
std::string console_command(const std::string& home, const std::string& admin) {
  return "HOME=" + home + " " + bin("hot-articles-console") + " --admin "
         + admin;
}

run_result console(std::vector<std::string> args) {
  args.insert(args.begin(), bin("hot-articles-console"));
  return run_command(std::move(args), 30s);
}

std::string admin_of(const daemon_run& d) {
  return "127.0.0.1:" + std::to_string(d.admin_port);
}

} // namespace

TEST_CASE("in tmux the console shows the live pipeline and answers commands",
          "[e2e]") {
  e2e_fixture f;
  auto d = f.start_daemon("console");
  auto top = feed_known_articles(f);
  wait_for_list(d, f, top);
  auto day = today(f.calendar).to_string();
  auto liked_most = top.front();

  tmux_session tmux{f.dir, console_command(f.dir, admin_of(d)), 160, 50};
  expect_pane(tmux, "the partitions and today's top 10", [&](auto& pane) {
    return contains(pane, "PARTITIONS (12 source, 12 internal)")
           && matches(pane, R"(\nboard-like/2 +\d+ +\d+ +\d+ +\d+)")
           && shows_top(pane, day, top);
  });

  tmux.send_keys({":"});
  expect_pane(tmux, "the command prompt",
              [&](auto& pane) { return contains(pane, "\nhot-articles>"); });
  tmux.type("article " + std::to_string(liked_most.id));
  tmux.send_keys({"Enter"});
  expect_pane(tmux, "the article's state", [&](auto& pane) {
    return contains(pane,
                    "article " + std::to_string(liked_most.id) + " in shard ")
           && matches(pane, "\ntitle +" + liked_most.title + "\n")
           && matches(pane, R"(\nlikes +12  \(version \d+\)\n)")
           && matches(pane,
                      "\nscore +" + std::to_string(liked_most.score) + "\n")
           && matches(pane, "\nstate +live\n");
  });

  SECTION("an empty line returns to the overview, r sorts actors by rate") {
    tmux.send_keys({"Enter"});
    expect_pane(tmux, "the overview again",
                [&](auto& pane) { return shows_top(pane, day, top); });
    tmux.send_keys({"r"});
    expect_pane(tmux, "actors by message rate", [&](auto& pane) {
      return contains(pane, "BUSIEST ACTORS (by message rate)");
    });
    SECTION("a tiny terminal cuts lines instead of wrapping them") {
      tmux.resize(20, 5);
      expect_pane(tmux, "the overview cut to 20 columns", [&](auto& pane) {
        auto lines = lines_of(pane);
        auto cut = std::all_of(lines.begin(), lines.end(), [](auto& line) {
          return narrow_columns(line) <= 20;
        });
        return cut && lines.size() == 5
               && lines[0].rfind("hot-articles-consol", 0) == 0
               && lines[1].rfind("figures ", 0) == 0
               && lines[4].rfind("q quit", 0) == 0;
      });
      tmux.resize(160, 50);
      expect_pane(tmux, "the whole overview after growing back",
                  [&](auto& pane) { return shows_top(pane, day, top); });
    }
  }
  SECTION("at 80 columns the header lines fit whole, times in one zone") {
    tmux.send_keys({"Enter"});
    tmux.resize(80, 50);
    auto zone_heading = "times in ";
    expect_pane(tmux, "the overview's header in 80 columns", [&](auto& pane) {
      auto lines = lines_of(pane);
      auto fits = std::all_of(lines.begin(), lines.end(), [](auto& line) {
        return narrow_columns(line) <= 80;
      });
      return fits && matches(pane, R"(\nfigures \d+\.\d s old  \(taken )")
             && contains(pane, zone_heading)
             && matches(pane, R"(\n +redis writes \d+\.\d/s\n)")
             && matches(pane, R"(\n +(.*  )?actors \d+\n)")
             && matches(pane, R"(updated \d\d:\d\d:\d\d [A-Z+])");
    });
    auto pane = tmux.capture();
    auto lines = lines_of(pane);
    for (size_t i = 1; i < lines.size() && i < 6; ++i) {
      INFO(pane);
      CHECK(lines[i].find("…") == std::string::npos);
    }
  }
  SECTION("quit ends the console with status 0 and keeps the history") {
    tmux.type("quit");
    tmux.send_keys({"Enter"});
    REQUIRE(wait_until(10s, [&] { return tmux.exit_status().has_value(); }));
    CHECK(tmux.exit_status() == 0);
    std::ifstream history{f.dir + "/.hot_articles_console_history"};
    std::stringstream text;
    text << history.rdbuf();
    // libedit writes blanks as \040.
    CHECK_THAT(text.str(),
               Catch::Contains("article\\040" + std::to_string(liked_most.id)));
  }
}

TEST_CASE("one-shot commands and --json print the same answers for scripts",
          "[e2e]") {
  e2e_fixture f;
  auto d = f.start_daemon("console-once");
  auto top = feed_known_articles(f);
  wait_for_list(d, f, top);
  wait_for_figures(d, top);
  auto day = today(f.calendar).to_string();
  auto admin = admin_of(d);
  auto id = std::to_string(top.front().id);

  auto overview = console({"--admin", admin, "--once"});
  INFO(overview.output);
  CHECK(overview.exit_code == 0);
  CHECK_THAT(overview.output, Catch::Contains("board-like/2"));
  CHECK(shows_top(overview.output, day, top));

  auto article = console({"--admin", admin, "--once", "article", id});
  CHECK(article.exit_code == 0);
  CHECK(matches(article.output, "\ntitle +" + top.front().title + "\n"));
  CHECK(matches(article.output, R"(\nlikes +12  )"));

  auto raw = console({"--admin", admin, "--json", "article", id});
  CHECK(raw.exit_code == 0);
  auto doc = json::parse(raw.output, nullptr, false);
  REQUIRE(doc.is_object());
  CHECK(doc["likes"] == 12);
  CHECK(doc["score"] == 36);
  CHECK(doc["title"] == top.front().title);

  auto ranking = console({"--admin", admin, "day", day, "3"});
  CHECK(ranking.exit_code == 0);
  CHECK(matches(ranking.output, R"(\n +1 +)" + id + " +36 "));

  auto all = console({"--admin", admin, "--json"});
  CHECK(all.exit_code == 0);
  CHECK(json::parse(all.output, nullptr, false)["partitions"].size() == 24);

  SECTION("an unknown sort key is bad usage, named in the console's words") {
    auto refused = console({"--admin", admin, "top", "xx"});
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.output,
               Catch::Contains("'xx' is not a sort key; sort by mailbox or "
                               "rate"));
  }
  SECTION("pointed at the HTTP API it says which port it needs") {
    auto wrong = console(
      {"--admin", "127.0.0.1:" + std::to_string(d.http_port), "--once"});
    CHECK(wrong.exit_code == 1);
    CHECK_THAT(wrong.output,
               Catch::Contains("this looks like the API port (http.port); "
                               "the console needs admin.port (default "
                               "8081)"));
  }
  SECTION("daemon errors exit 1, usage errors 2") {
    auto missing = console({"--admin", admin, "actor", "no such actor"});
    CHECK(missing.exit_code == 1);
    CHECK_THAT(missing.output, Catch::Contains("no actor named"));
    CHECK(console({"--admin", admin, "article", "abc"}).exit_code == 2);
    CHECK(console({"--admin", admin, "frobnicate"}).exit_code == 2);
    CHECK(console({"--admin", "nowhere"}).exit_code == 2);
  }
}

TEST_CASE("without a daemon the console says where it looked, and exits 1",
          "[e2e]") {
  auto port = std::to_string(free_port());
  auto r = console({"--admin", "127.0.0.1:" + port, "--once"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output,
             Catch::Contains("hot-articles-console: cannot reach the admin "
                             "interface at 127.0.0.1:"
                             + port
                             + " (Connection refused); is hot-articles "
                               "running? Use --admin HOST:PORT."));
  SECTION("the live view shows why and keeps trying") {
    // Nothing is typed, so no history is written to /tmp.
    tmux_session tmux{"/tmp", console_command("/tmp", "127.0.0.1:" + port), 100,
                      20};
    expect_pane(tmux, "the reason", [&](auto& pane) {
      return contains(pane, "(Connection refused)")
             && contains(pane, "Retrying every second.");
    });
    CHECK_FALSE(tmux.exit_status());
    tmux.send_keys({"q"});
    CHECK(wait_until(10s, [&] { return tmux.exit_status() == 0; }));
  }
}

TEST_CASE("with admin.token set the console needs the same token", "[e2e]") {
  e2e_fixture f;
  auto d = f.start_daemon("console-token", {"--admin.token=s3cret"});
  auto admin = admin_of(d);
  auto refused = console({"--admin", admin, "--once"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.output, Catch::Contains("pass --token TOKEN"));
  CHECK(console({"--admin", admin, "--token", "s3cret", "--once"}).exit_code
        == 0);
  child_process from_env{{bin("hot-articles-console"), "--admin", admin,
                          "--once", "redis"},
                         f.dir + "/console-env.log",
                         {"HOT_ARTICLES_ADMIN_TOKEN=s3cret"}};
  CHECK(from_env.wait(30s) == 0);
  CHECK_THAT(from_env.output(), Catch::Contains("connected"));
}
