// Console commands: parsing, the routes they read, TAB completion.
#include <catch2/catch.hpp>

#include "app/console/admin_client.hpp"
#include "app/console/commands.hpp"

using namespace hot::console;

namespace {

std::string path_of(const std::string& line) {
  auto parsed = parse_command_line(line);
  INFO(line << ": " << parsed.error);
  REQUIRE(parsed.parsed);
  return command_path(*parsed.parsed);
}

std::string error_of(const std::string& line) {
  auto parsed = parse_command_line(line);
  CHECK_FALSE(parsed.parsed);
  return parsed.error;
}

const std::vector<std::string> actors{"directory",
                                      "partition board-like/0",
                                      "partition board-like/1",
                                      "partition board-view/0",
                                      "ranking 20261122",
                                      "redis-writer",
                                      "shard 0"};

} // namespace

TEST_CASE("each command reads its admin route") {
  CHECK(path_of("overview") == "/admin/v1/overview");
  CHECK(path_of("actors") == "/admin/v1/actors");
  CHECK(path_of("  partitions ") == "/admin/v1/partitions");
  CHECK(path_of("shards") == "/admin/v1/shards");
  CHECK(path_of("rankings") == "/admin/v1/rankings");
  CHECK(path_of("redis") == "/admin/v1/redis");
  CHECK(path_of("article 382665109438205952")
        == "/admin/v1/articles/382665109438205952");
  CHECK(path_of("day 20261122") == "/admin/v1/days/20261122");
  CHECK(path_of("day 20261122 5") == "/admin/v1/days/20261122?n=5");
  CHECK(path_of("day 20261122 --board 7") == "/admin/v1/days/20261122?board=7");
  CHECK(path_of("day 20261122 5 --board 7")
        == "/admin/v1/days/20261122?board=7&n=5");
  CHECK(path_of("day --board=7 20261122 5")
        == "/admin/v1/days/20261122?board=7&n=5");
  CHECK(path_of("day 20261122 --board 7 5")
        == "/admin/v1/days/20261122?board=7&n=5");
  CHECK(path_of("boards 20261122") == "/admin/v1/boards/20261122");
  CHECK(path_of("boards 20261122 3") == "/admin/v1/boards/20261122?n=3");
  CHECK(path_of("top") == "/admin/v1/top?by=mailbox&n=10");
  CHECK(path_of("top rate") == "/admin/v1/top?by=rate&n=10");
  CHECK(path_of("top 3 rate") == "/admin/v1/top?by=rate&n=3");
  CHECK(path_of("help").empty());
  CHECK(path_of("quit").empty());
  SECTION("an actor's name keeps its space and is encoded") {
    CHECK(path_of("actor partition board-like/2")
          == "/admin/v1/actors/partition%20board-like%2F2");
    CHECK(path_of("actor   shard    0") == "/admin/v1/actors/shard%200");
  }
}

TEST_CASE("bad commands are refused with the usage") {
  CHECK_THAT(error_of("bogus"), Catch::Contains("unknown command 'bogus'"));
  CHECK_THAT(error_of("article"), Catch::Contains("usage: article ID"));
  CHECK_THAT(error_of("article 12x"), Catch::Contains("usage: article ID"));
  CHECK_THAT(error_of("article 0"), Catch::Contains("positive"));
  CHECK_THAT(error_of("day 2026112"), Catch::Contains("YYYYMMDD"));
  CHECK_THAT(error_of("day 20261122 zero"), Catch::Contains("N is a"));
  CHECK_THAT(error_of("day 20261122 1 2"), Catch::Contains("YYYYMMDD"));
  CHECK(error_of("day 20261122 --board")
        == "usage: day YYYYMMDD [N] --board B: --board needs a board id");
  CHECK(error_of("day 20261122 --board abc")
        == "usage: day YYYYMMDD [N] --board B: B is a board id (a positive "
           "integer), got 'abc'");
  CHECK_THAT(error_of("day 20261122 --board 0"), Catch::Contains("got '0'"));
  CHECK_THAT(error_of("day 20261122 --board -3"), Catch::Contains("got '-3'"));
  CHECK_THAT(error_of("day 20261122 --board="), Catch::Contains("got ''"));
  CHECK_THAT(error_of("day 20261122 --board 1 --board 2"),
             Catch::Contains("give --board once"));
  CHECK_THAT(error_of("day --board 7"),
             Catch::Contains("usage: day YYYYMMDD [N] [--board B]"));
  CHECK_THAT(error_of("day 20261122 --boards 7"),
             Catch::Contains("usage: day YYYYMMDD [N] [--board B]"));
  CHECK(error_of("boards")
        == "usage: boards YYYYMMDD [N], e.g. boards 20261122 5");
  CHECK_THAT(error_of("boards 2026112"), Catch::Contains("usage: boards"));
  CHECK_THAT(error_of("boards 20261122 0"), Catch::Contains("N is a"));
  CHECK_THAT(error_of("boards 20261122 3 4"), Catch::Contains("usage: boards"));
  CHECK_THAT(error_of("top 0"), Catch::Contains("top [mailbox|rate]"));
  CHECK_THAT(error_of("top rate 1 2"), Catch::Contains("top [mailbox|rate]"));
  CHECK(error_of("top size 3")
        == "usage: top [mailbox|rate] [N]: 'size' is not a sort key; sort "
           "by mailbox or rate");
  CHECK_THAT(error_of("actor"), Catch::Contains("usage: actor NAME"));
  CHECK_THAT(error_of("shards 2"), Catch::Contains("no arguments"));
}

TEST_CASE("an empty line is neither a command nor an error") {
  auto parsed = parse_command_line("   ");
  CHECK_FALSE(parsed.parsed);
  CHECK(parsed.error.empty());
}

TEST_CASE("TAB completes command names, actor names and top's order") {
  using list = std::vector<std::string>;
  CHECK(completions("ac", "ac", actors) == list{"actors", "actor"});
  CHECK(completions("", "", actors).size() == 13);
  CHECK(completions("bo", "bo", actors) == list{"boards"});
  CHECK(completions("  sh", "sh", actors) == list{"shards"});
  SECTION("actor names with spaces complete from the whole argument") {
    CHECK(completions("actor partition board-l", "board-l", actors)
          == list{"board-like/0", "board-like/1"});
    CHECK(completions("actor partition board-like/0", "board-like/0", actors)
          == list{"board-like/0"});
    CHECK(completions("actor r", "r", actors)
          == list{"ranking 20261122", "redis-writer"});
    CHECK(completions("actor ", "", actors) == actors);
    CHECK(completions("actor x", "x", actors).empty());
  }
  SECTION("top completes its order, nothing else completes") {
    CHECK(completions("top r", "r", actors) == list{"rate"});
    CHECK(completions("top ", "", actors) == list{"mailbox", "rate"});
    CHECK(completions("top rate 1", "1", actors).empty());
    CHECK(completions("article 1", "1", actors).empty());
  }
}

TEST_CASE("help lists every command") {
  std::string text;
  for (const auto& line : help_text())
    text += line.text + "\n";
  for (const auto* name :
       {"overview", "actors", "actor NAME", "article ID",
        "day YYYYMMDD [N] [--board B]", "boards YYYYMMDD [N]", "partitions",
        "shards", "rankings", "redis", "top [mailbox|rate] [N]", "help",
        "quit"})
    CHECK_THAT(text, Catch::Contains(name));
}

TEST_CASE("path segments are percent-encoded byte by byte") {
  CHECK(url_encode("shard 0") == "shard%200");
  CHECK(url_encode("a/b?c&d") == "a%2Fb%3Fc%26d");
  CHECK(url_encode("핫") == "%ED%95%AB");
  CHECK(url_encode("A-z_0.9~") == "A-z_0.9~");
}

TEST_CASE("a server without the admin routes is told apart from the HTTP API") {
  admin_endpoint at{"127.0.0.1", 8080};
  auto said = std::string{"no route for GET /admin/v1/overview"};
  SECTION("the daemon's HTTP API answers /health") {
    auto message = not_admin_message(at, said, 503,
                                     R"({"status": "degraded", "live": true})");
    CHECK_THAT(message, Catch::Contains("answered 'no route for GET "
                                        "/admin/v1/overview'"));
    CHECK_THAT(message,
               Catch::Contains("this looks like the API port (http.port); the "
                               "console needs admin.port (default 8081), e.g. "
                               "--admin 127.0.0.1:8081"));
  }
  SECTION("another server does not") {
    auto message = not_admin_message(at, "HTTP 404", 404, "Not Found");
    CHECK_THAT(message, Catch::Contains("not hot-articles' admin interface"));
    CHECK_THAT(message, Catch::Contains("admin.port (default 8081)"));
    CHECK_THAT(message, !Catch::Contains("http.port"));
  }
  SECTION("an IPv6 address keeps its brackets") {
    auto message = not_admin_message(admin_endpoint{"::1", 8080}, said, 200,
                                     R"({"live": true})");
    CHECK_THAT(message, Catch::Contains("--admin [::1]:8081"));
  }
}
