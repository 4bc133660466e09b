// The console's command line options.
#include <catch2/catch.hpp>

#include "app/console/console_options.hpp"

using namespace hot::console;

namespace {

options_outcome parse(std::vector<std::string> args,
                      const char* env_token = nullptr) {
  return parse_options(args, env_token);
}

} // namespace

TEST_CASE("without options the console watches 127.0.0.1:8081 live") {
  auto o = parse({});
  REQUIRE(o.error.empty());
  CHECK(o.options.admin.text() == "127.0.0.1:8081");
  CHECK(o.options.token.empty());
  CHECK_FALSE(o.options.once);
  CHECK_FALSE(o.options.json);
  CHECK(o.options.command.empty());
}

TEST_CASE("the admin address is HOST:PORT, given as --admin X or --admin=X") {
  CHECK(parse({"--admin", "10.0.0.5:9000"}).options.admin.text()
        == "10.0.0.5:9000");
  CHECK(parse({"--admin=localhost:1"}).options.admin.host == "localhost");
  auto v6 = parse({"--admin", "[::1]:8081"}).options.admin;
  CHECK(v6.host == "::1");
  CHECK(v6.text() == "[::1]:8081");
  for (const auto* bad : {"localhost", ":8081", "host:0", "host:65536",
                          "host:80x", "::1:8081", "[::1:8081"}) {
    INFO(bad);
    CHECK_THAT(parse({"--admin", bad}).error,
               Catch::Contains("--admin expects HOST:PORT"));
  }
  CHECK_THAT(parse({"--admin", "nohost"}).error,
             Catch::Contains("got 'nohost'"));
  CHECK(parse({"--admin"}).error == "--admin needs a value");
  CHECK(parse({"--admin", "--once"}).error == "--admin needs a value");
}

TEST_CASE("the token comes from --token, else from the environment") {
  CHECK(parse({}, "from-env").options.token == "from-env");
  CHECK(parse({"--token", "given"}, "from-env").options.token == "given");
  CHECK(parse({"--token=given"}).options.token == "given");
  CHECK(parse({"--token"}).error == "--token needs a value");
  CHECK_THAT(parse({"--token", ""}).error, Catch::Contains("--token expects"));
  CHECK(parse({"--token="}).error == "--token needs a value");
}

TEST_CASE("a command after the options, or --json, means print once") {
  auto o = parse({"--admin", "h:1", "article", "123"});
  REQUIRE(o.error.empty());
  CHECK(o.options.once);
  CHECK(o.options.command == std::vector<std::string>{"article", "123"});
  CHECK(parse({"--json"}).options.once);
  CHECK(parse({"--once"}).options.once);
  // Options end at the command: its words are not options.
  CHECK(parse({"day", "--once"}).options.command.size() == 2);
  CHECK(parse({"--", "--weird"}).options.command
        == std::vector<std::string>{"--weird"});
}

TEST_CASE("unknown options are usage errors") {
  CHECK(parse({"--bogus"}).error == "unknown option --bogus (see --help)");
  CHECK(parse({"--jsn"}).error
        == "unknown option --jsn (did you mean --json?)");
  CHECK(parse({"--once=1"}).error == "--once takes no value");
  CHECK(parse({"--help"}).options.help);
  CHECK_THAT(usage_text(), Catch::Contains("--admin HOST:PORT"));
}

TEST_CASE("the version is asked for with --version or -V") {
  CHECK(parse({"--version"}).options.version);
  CHECK(parse({"-V"}).options.version);
  CHECK_FALSE(parse({"day", "-V"}).options.version);
  CHECK_THAT(usage_text(), Catch::Contains("--version, -V"));
}
