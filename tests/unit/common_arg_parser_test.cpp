// The daemon's command-line tokenizer, and its spelling suggestions.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/arg_parser.hpp"
#include "common/spelling.hpp"

using namespace hot;

namespace {

const std::vector<arg_spec> specs{{"redis.port"},
                                  {"json", false},
                                  {"daemon-arg", true, true},
                                  {"kafka.property", true, false, true}};

parsed_args read(std::vector<std::string> args, arg_rules rules = {}) {
  return parse_args(args, specs, rules);
}

} // namespace

TEST_CASE("options are read with an equals sign or a space, in order") {
  auto got = read({"--redis.port=1", "--json", "--redis.port", "2",
                   "--kafka.property.client.id=x"});
  REQUIRE(got.error.empty());
  REQUIRE(got.options.size() == 4);
  CHECK(got.options[0].value == "1");
  CHECK(got.options[1].name == "json");
  CHECK(got.options[1].spec == 1);
  CHECK(got.options[2].value == "2");
  CHECK(got.options[3].name == "kafka.property.client.id");
  CHECK(got.options[3].spec == 3);
}

TEST_CASE("an unknown flag is unknown, with a suggestion when one is near") {
  CHECK(read({"--frobnicate"}).error
        == "unknown option --frobnicate (see --help)");
  CHECK(read({"--frobnicate=1"}).error
        == "unknown option --frobnicate (see --help)");
  CHECK(read({"--redis.prot=1"}).error
        == "unknown option --redis.prot (did you mean --redis.port?)");
  CHECK(read({"--jsno"}).error
        == "unknown option --jsno (did you mean --json?)");
  CHECK(read({"--verison"}).error
        == "unknown option --verison (did you mean --version?)");
  CHECK(read({"-x"}).error == "unknown option -x (see --help)");
  CHECK(read({"--kafka.property=x"}).error
        == "--kafka.property needs a name: --kafka.property.<name>=<value>");
}

TEST_CASE("a known option without its value says it needs one") {
  CHECK(read({"--redis.port"}).error == "--redis.port needs a value");
  CHECK(read({"--redis.port", "--json"}).error == "--redis.port needs a value");
  CHECK(read({"--json=yes"}).error == "--json takes no value");
  CHECK(read({"--help=1"}).error == "--help takes no value");
  SECTION("unless the value is meant for another program") {
    auto got = read({"--daemon-arg", "--http.threads=8"});
    REQUIRE(got.error.empty());
    CHECK(got.options[0].value == "--http.threads=8");
  }
}

TEST_CASE("help and version end the reading wherever they stand") {
  for (const auto* help : {"--help", "-h"}) {
    auto got = read({"--redis.port=1", help, "--frobnicate"});
    CHECK(got.help);
    CHECK(got.error.empty());
  }
  for (const auto* version : {"--version", "-V"}) {
    auto got = read({version, "--frobnicate"});
    CHECK(got.version);
    CHECK(got.error.empty());
  }
  CHECK_FALSE(read({"--frobnicate", "--version"}).version);
}

TEST_CASE("operands are refused, accepted, or end the options") {
  CHECK(read({"stray"}).error == "unexpected argument \"stray\" (see --help)");
  arg_rules mixed{true, false};
  auto got = read({"pipeline", "--json", "memory"}, mixed);
  REQUIRE(got.error.empty());
  CHECK(got.operands == std::vector<std::string>{"pipeline", "memory"});
  CHECK(got.options.size() == 1);
  arg_rules command{true, true};
  got = read({"--json", "day", "--once", "-h"}, command);
  REQUIRE(got.error.empty());
  CHECK_FALSE(got.help);
  CHECK(got.operands == std::vector<std::string>{"day", "--once", "-h"});
  got = read({"--", "--weird"}, command);
  CHECK(got.operands == std::vector<std::string>{"--weird"});
}

TEST_CASE("typos are near, other names are not") {
  CHECK(edit_distance("port", "prot") == 1);
  CHECK(edit_distance("PORT", "port") == 0);
  CHECK(edit_distance("kitten", "sitting") == 3);
  std::vector<std::string> known{"redis.host", "redis.port", "http.port"};
  CHECK(likely_meant("redis.hots", known) == "redis.host");
  CHECK_FALSE(likely_meant("frobnicate", known));
  CHECK(closest_name("frobnicate", known).has_value());
  CHECK_FALSE(closest_name("x", {}));
}
