// The option table: one value per option from the command line, the
// environment, a config file or the default, in that order.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "app/daemon/option_table.hpp"
#include "tests/unit/daemon/temp_ini.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

using test::temp_ini;

struct settings {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string password;
  bool verbose = false;
  std::chrono::milliseconds timeout = 2s;
  std::map<std::string, std::string> properties;
  option_table table{"HOT_T_", "no-such-default.ini"};

  settings() {
    table.text("redis.host", host, "Redis host");
    table.integer("redis.port", port, 1, 65535, "Redis port");
    table.text("redis.password", password, "AUTH password");
    table.boolean("log.verbose", verbose, "more output");
    table.duration("redis.timeout", timeout, 1ms, 1h, "command timeout");
    table.text_map("kafka.property", "kafka.properties", properties,
                   "librdkafka properties");
  }

  option_table::outcome
  load(std::vector<std::string> args,
       std::map<std::string, std::string> environment = {}) {
    return table.load(args, environment);
  }
};

} // namespace

TEST_CASE("without any source every option keeps its default") {
  settings s;
  auto out = s.load({});
  REQUIRE(out.error.empty());
  CHECK(s.host == "127.0.0.1");
  CHECK(s.port == 6379);
  CHECK(s.timeout == 2s);
  CHECK(s.table.config_file().empty());
  CHECK_THAT(s.table.effective(),
             Catch::Contains("redis.port = 6379  (default)"));
}

TEST_CASE("the command line beats the environment, which beats the file") {
  temp_ini ini{"[redis]\nhost=\"file-host\"\nport=7000\ntimeout=\"9s\"\n"};
  settings s;
  auto out
    = s.load({"--redis.host", "cli-host", "--config-file=" + ini.path},
             {{"HOT_T_REDIS_HOST", "env-host"}, {"HOT_T_REDIS_PORT", "7001"}});
  REQUIRE(out.error.empty());
  CHECK(s.host == "cli-host");
  CHECK(s.port == 7001);
  CHECK(s.timeout == 9s);
  CHECK(s.table.config_file() == ini.path);
  CHECK(s.table.sources()
        == "defaults + 1 command-line option + 2 environment variables + "
           "file "
             + ini.path);
  auto shown = s.table.effective();
  CHECK_THAT(shown,
             Catch::Contains("redis.host = \"cli-host\"  (--redis.host)"));
  CHECK_THAT(shown, Catch::Contains("(HOT_T_REDIS_PORT)"));
  CHECK_THAT(shown,
             Catch::Contains("(" + ini.path + ", line 4: redis.timeout)"));
}

TEST_CASE("the environment can name the config file") {
  temp_ini ini{"[log]\nverbose=true\n"};
  settings s;
  REQUIRE(s.load({}, {{"HOT_T_CONFIG_FILE", ini.path}}).error.empty());
  CHECK(s.verbose);
  settings missing;
  CHECK(missing.load({"--config-file=/nonexistent/x.ini"}).error
        == "/nonexistent/x.ini: no such file");
}

TEST_CASE("mistakes are refused with the source and what was expected") {
  settings s;
  CHECK(s.load({"--redis.prot=1"}).error
        == "unknown option --redis.prot (did you mean --redis.port?)");
  CHECK(s.load({"--frobnicate"}).error
        == "unknown option --frobnicate (see --help)");
  CHECK(s.load({"stray"}).error
        == "unexpected argument \"stray\" (options look like "
           "--group.key=value)");
  CHECK(s.load({"--redis.port"}).error == "--redis.port needs a value");
  CHECK_THAT(s.load({"--redis.port=70000"}).error,
             Catch::StartsWith("--redis.port=70000: "));
  CHECK_THAT(s.load({}, {{"HOT_T_REDIS_TIMEOUT", "soon"}}).error,
             Catch::StartsWith("HOT_T_REDIS_TIMEOUT=soon: "));
  temp_ini typo{"[redis]\nhots=\"x\"\n"};
  CHECK(s.load({"--config-file", typo.path}).error
        == typo.path
             + ", line 2: unknown option redis.hots (did you mean "
               "redis.host?)");
}

TEST_CASE("a secret is never echoed, in errors or in the effective values") {
  settings s;
  REQUIRE(s.load({"--redis.password=hunter2"}).error.empty());
  auto shown = s.table.effective();
  CHECK_THAT(shown, Catch::Contains("redis.password = <set>"));
  CHECK_THAT(shown, !Catch::Contains("hunter2"));

  // Each way a secret can be refused names where it came from, not it.
  temp_ini listed{"[redis]\npassword=[\"hunter2\"]\n"};
  std::vector<std::string> errors{
    settings{}.load({"--config-file", listed.path}).error,
    settings{}.load({"--redis.pasword=hunter2"}).error,
  };
  int slot = 1;
  option_table numbered{"HOT_T_", "no-such-default.ini"};
  numbered.integer("vault.token", slot, 1, 9, "a numbered token");
  errors.push_back(numbered.load({"--vault.token=hunter2"}, {}).error);
  errors.push_back(numbered.load({}, {{"HOT_T_VAULT_TOKEN", "hunter2"}}).error);
  CHECK(errors[0]
        == listed.path + ", line 2: redis.password: expected a single value");
  CHECK(errors[1]
        == "unknown option --redis.pasword (did you mean --redis.password?)");
  CHECK(errors[2] == "--vault.token: expected an integer from 1 to 9");
  CHECK(errors[3] == "HOT_T_VAULT_TOKEN: expected an integer from 1 to 9");
  for (const auto& error : errors)
    CHECK_THAT(error, !Catch::Contains("hunter2"));
}

TEST_CASE("free-form properties merge entry by entry with the same order") {
  temp_ini ini{"[kafka]\nproperties=[\"fetch.min.bytes=1\", "
               "\"security.protocol=SSL\", \"client.id=file\"]\n"};
  settings s;
  auto out
    = s.load({"--config-file=" + ini.path, "--kafka.property.client.id=cli"},
             {{"HOT_T_KAFKA_PROPERTY_SECURITY_PROTOCOL", "SASL_SSL"},
              {"HOT_T_KAFKA_PROPERTY_CLIENT_ID", "env"}});
  REQUIRE(out.error.empty());
  CHECK(
    s.properties
    == std::map<std::string, std::string>{{"client.id", "cli"},
                                          {"fetch.min.bytes", "1"},
                                          {"security.protocol", "SASL_SSL"}});
  temp_ini bad{"[kafka]\nproperties=[\"novalue\"]\n"};
  settings t;
  CHECK_THAT(t.load({"--config-file=" + bad.path}).error,
             Catch::EndsWith("expected a list of \"name=value\""));
}

TEST_CASE("help and check-config are requests, not options") {
  settings s;
  CHECK(s.load({"--redis.port=1", "--help"}).help);
  settings t;
  auto out = t.load({"--check-config", "--redis.port=2"});
  CHECK(out.check_only);
  CHECK(t.port == 2);
  auto help = t.table.help("usage: t");
  CHECK_THAT(help, Catch::Contains("--redis.port=<integer>"));
  CHECK_THAT(help, Catch::Contains("Redis port (default 6379)"));
  CHECK_THAT(help, Catch::Contains("HOT_T_KAFKA_PROPERTY_<NAME>"));
}

TEST_CASE("variables with the prefix that name no option are warned about") {
  settings s;
  s.table.foreign_variable("HOT_T_SCRIPT_ONLY");
  auto out = s.load({}, {{"HOT_T_REDIS_HSOT", "h"},
                         {"HOT_T_SCRIPT_ONLY", "1"},
                         {"HOT_T_CONFIG_FILE", "/nonexistent/x.ini"},
                         {"HOT_T_KAFKA_PROPERTY_ACKS", "1"}});
  CHECK(out.error == "/nonexistent/x.ini: no such file");
  out = s.load({}, {{"HOT_T_REDIS_HSOT", "h"},
                    {"HOT_T_SCRIPT_ONLY", "1"},
                    {"HOT_T_KAFKA_PROPERTY_ACKS", "1"}});
  REQUIRE(out.error.empty());
  CHECK(
    out.warnings
    == std::vector<std::string>{"HOT_T_REDIS_HSOT names no setting and is "
                                "ignored (did you mean HOT_T_REDIS_HOST?)"});
  CHECK(s.load({"--version"}).version);
}
