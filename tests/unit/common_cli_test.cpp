// The CLI11 command lines' shared words: parse errors as one line, checks
// that name what they expect, and the help layout.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/cli_errors.hpp"
#include "common/cli_help.hpp"

using namespace hot;

namespace {

/// An app with one valued option, one checked number, one flag and no
/// operands; `words` are parsed and the error line returned, empty when
/// the parse succeeded.
struct small_app {
  CLI::App app;
  std::string admin;
  uint64_t count = 7;
  bool json = false;

  small_app() {
    app.option_defaults()->disable_flag_override()->group("options");
    app.add_option("--admin", admin, "where the admin interface listens")
      ->check(not_an_option())
      ->option_text("HOST:PORT");
    app.add_option("--count", count, "how many")
      ->option_text("N")
      ->default_str("7")
      ->check(whole_number(1, 100, "a count from 1 to 100"));
    app.add_flag("--json", json, "print JSON");
  }

  std::string parse(std::vector<std::string> words) {
    std::vector<std::string> reversed(words.rbegin(), words.rend());
    try {
      app.parse(reversed);
    } catch (const CLI::ParseError& e) {
      return usage_error_line(app, e);
    }
    return {};
  }
};

} // namespace

TEST_CASE("CLI11's parse errors read as the daemon's do") {
  CHECK(small_app{}.parse({"--admni=x"})
        == "unknown option --admni (did you mean --admin?)");
  CHECK(small_app{}.parse({"--frobnicate"})
        == "unknown option --frobnicate (see --help)");
  CHECK(small_app{}.parse({"-x"}) == "unknown option -x (see --help)");
  CHECK(small_app{}.parse({"--admin"}) == "--admin needs a value");
  CHECK(small_app{}.parse({"--admin", "--json"}) == "--admin needs a value");
  CHECK(small_app{}.parse({"--admin", "-1"}).empty());
  CHECK(small_app{}.parse({"--json=yes"}) == "--json takes no value");
  CHECK(small_app{}.parse({"stray"})
        == "unexpected argument \"stray\" (see --help)");
  small_app given;
  CHECK(given.parse({"--admin", "h:1", "--count=9", "--json"}).empty());
  CHECK(given.admin == "h:1");
  CHECK(given.count == 9);
  CHECK(given.json);
}

TEST_CASE("a whole number is read strictly and checked against its range") {
  for (const auto* bad :
       {"0", "101", "-3", "+3", "1e2", "", "9x", "99999999999999999999"}) {
    INFO(bad);
    CHECK(small_app{}.parse({"--count", bad})
          == "--count: expected a count from 1 to 100, got '" + std::string{bad}
               + "'");
  }
  CHECK(small_app{}.parse({"--count", "100"}).empty());
}

TEST_CASE("the help layout puts the usage first, long names first and "
          "defaults in brackets") {
  small_app s;
  s.app.add_flag("-V,--version", "print the version and exit");
  s.app.formatter(make_help_layout("usage: small [options]"));
  auto text = s.app.help();
  CHECK(text.rfind("usage: small [options]\n", 0) == 0);
  CHECK_THAT(text, Catch::Contains("\noptions:\n"));
  CHECK_THAT(text, Catch::Contains("  --admin HOST:PORT "));
  CHECK_THAT(text, Catch::Contains("how many [default: 7]"));
  CHECK_THAT(text, Catch::Contains("  --version, -V "));
  // From column 74 only one short word fits before the 80th, and the
  // default is never split.
  CHECK(wrap_text("aaa bbb ccc", "[default: x]", 74)
        == "aaa\nbbb\nccc\n[default: x]");
}
