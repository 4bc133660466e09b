// A config file's mistakes as an operator meets them: the line, the key and
// the form that works.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "app/daemon/daemon_config.hpp"
#include "app/daemon/ini_scan.hpp"
#include "tests/unit/daemon/temp_ini.hpp"

using namespace hot;

namespace {

using test::temp_ini;

/// The daemon's own options read from `text` as its config file.
struct loaded_file {
  temp_ini ini;
  daemon_config config;
  option_table::outcome outcome;

  explicit loaded_file(const std::string& text,
                       std::vector<std::string> args = {})
    : ini(text) {
    args.insert(args.begin(), {"hot-articles", "--config-file=" + ini.path});
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    char* envp[] = {nullptr};
    outcome = config.load(static_cast<int>(argv.size()), argv.data(), envp);
  }

  std::string error() const {
    return outcome.error;
  }
};

} // namespace

TEST_CASE("a '#' comment line is read as a comment, as a semicolon line is") {
  loaded_file f{"# the time zone of the days\n[ranking]\n"
                "timezone=\"UTC\" ; after a value, ';' starts a comment\n"
                "  # indented too\nlist-size=20\n"};
  REQUIRE(f.error().empty());
  CHECK(f.config.settings.pipeline.timezone == "UTC");
  CHECK(f.config.settings.pipeline.ranking.list_size == 20);
}

TEST_CASE("an unquoted text is reported at its own line, with its key") {
  loaded_file f{"[ranking]\nlist-ttl=10d\nlist-size=20\n"};
  CHECK(f.error()
        == f.ini.path
             + ", line 2: ranking.list-ttl: text must be in double quotes: "
               "list-ttl=\"10d\"");
}

TEST_CASE("a missing closing quote is reported at its own line") {
  loaded_file f{"[ranking]\ntimezone=\"Asia/Seoul\nlist-size=20\n"};
  CHECK(f.error()
        == f.ini.path
             + ", line 2: ranking.timezone: the closing double quote is "
               "missing");
}

TEST_CASE("a '#' after a value is named as a comment in the wrong form") {
  loaded_file f{"[redis]\nport=6379 # the default\n"};
  CHECK(f.error()
        == f.ini.path
             + ", line 2: redis.port: a comment after a value starts with "
               "';', not '#'");
}

TEST_CASE("a dotted key is told the form that works") {
  SECTION("a librdkafka property goes into the properties list") {
    loaded_file f{"[kafka]\nbrokers=\"k:9092\"\n"
                  "property.security.protocol=\"SASL_SSL\"\n"};
    CHECK(f.error()
          == f.ini.path
               + ", line 3: kafka.property.security.protocol: a key cannot "
                 "contain '.'; kafka.property.* settings are written as a "
                 "list: [kafka] properties=[\"security.protocol=SASL_SSL\"]");
  }
  SECTION("any other goes under a section of its group") {
    loaded_file f{"[kafka]\ntopics.article=\"a\"\n"};
    CHECK(f.error()
          == f.ini.path
               + ", line 2: kafka.topics.article: a key cannot contain '.'; "
                 "write the group as a section: [kafka.topics] and then "
                 "article=...");
  }
}

TEST_CASE("a key typo and a bad value name the file and the line") {
  SECTION("a key that names no setting") {
    loaded_file f{"; comment\n[redis]\nhots=\"x\"\n"};
    CHECK(f.error()
          == f.ini.path
               + ", line 3: unknown option redis.hots (did you mean "
                 "redis.host?)");
  }
  SECTION("a value out of its range") {
    loaded_file f{"[ranking]\n\nseal-after=\"3d\"\n"};
    CHECK(f.error()
          == f.ini.path
               + ", line 3: ranking.seal-after=3d: expected a duration from "
                 "0s to 2d (e.g. 500ms, 30s, 5min, 1h)");
  }
  SECTION("a value refused by the checks after reading") {
    loaded_file f{"[log]\nlevel=\"info\"\n[ranking]\ntimezone=\"Asia/Seol\"\n"};
    CHECK(f.error()
          == f.ini.path
               + ", line 4: ranking.timezone: unknown time zone 'Asia/Seol' "
                 "(an IANA name such as Asia/Seoul)");
  }
  SECTION("the same value from the command line has no file to name") {
    loaded_file f{"", {"--ranking.timezone=Asia/Seol"}};
    CHECK(f.error()
          == "ranking.timezone: unknown time zone 'Asia/Seol' (an IANA name "
             "such as Asia/Seoul)");
  }
}

TEST_CASE("the line scan finds keys in sections and past multi-line lists") {
  auto scan = scan_ini("[kafka]\nproperties=[\n  \"a=b\", ; one\n  \"c=d\"\n]\n"
                       "[kafka.topics]\narticle=\"x\"\n");
  CHECK_FALSE(scan.problem);
  CHECK(scan.lines
        == std::map<std::string, size_t>{{"kafka.properties", 2},
                                         {"kafka.topics.article", 7}});
}

TEST_CASE("a malformed section header is named") {
  loaded_file f{"[ranking\ntimezone=\"UTC\"\n"};
  CHECK(f.error()
        == f.ini.path
             + ", line 1: a section header looks like [group] or "
               "[group.sub], got [ranking");
}
