// Display widths and cutting UTF-8 text for the console.
#include <catch2/catch.hpp>

#include <cwchar>

#include "app/console/text_width.hpp"

using namespace hot::console;

namespace {

// True when `text` is whole UTF-8: no sequence was cut.
bool valid_utf8(const std::string& text) {
  std::mbstate_t state{};
  const char* src = text.c_str();
  return std::mbsrtowcs(nullptr, &src, 0, &state) != static_cast<size_t>(-1);
}

const std::string title = "핫 게시글: Kafka 장애 후기";

} // namespace

TEST_CASE("Korean characters take two columns and ASCII one") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("게시글") == 6);
  CHECK(display_width(title) == 26);
  CHECK(display_width("") == 0);
}

TEST_CASE("text that fits is kept as it is") {
  CHECK(fit("abc", 3) == "abc");
  CHECK(fit(title, 26) == title);
  CHECK(fit(title, unlimited) == title);
}

TEST_CASE("a cut falls between characters and is marked with an ellipsis") {
  for (size_t width = 0; width <= 27; ++width) {
    auto cut = fit(title, width);
    INFO("width " << width << ": " << cut);
    CHECK(valid_utf8(cut));
    CHECK(display_width(cut) <= width);
    if (width > 0 && width < 26)
      CHECK(cut.substr(cut.size() - 3) == "\u2026");
  }
  CHECK(fit(title, 0).empty());
  CHECK(fit(title, 1) == "\u2026");
  SECTION("a wide character that would straddle the limit is left out") {
    CHECK(fit("가나다", 4) == "가\u2026");
    CHECK(pad_right("가나다", 4) == "가\u2026 ");
    CHECK(display_width(pad_right("가나다", 4)) == 4);
  }
}

TEST_CASE("control characters and broken UTF-8 print as question marks") {
  CHECK(fit("a\x1b[31mb", 20) == "a?[31mb");
  CHECK(fit("a\tb\nc", 20) == "a?b?c");
  CHECK(fit("a\xff"
            "b",
            20)
        == "a?b");
  // A sequence cut by someone else, an overlong '/', a C1 control.
  CHECK(fit("x\xea\xb0", 20) == "x??");
  CHECK(fit("\xc0\xaf", 20) == "??");
  CHECK(fit("\xc2\x9b"
            "1m",
            20)
        == "?1m");
  CHECK(display_width("a\xff"
                      "b")
        == 3);
}

TEST_CASE("padding aligns by display width, not bytes") {
  CHECK(pad_right("게시", 6) == "게시  ");
  CHECK(pad_left("게시", 6) == "  게시");
  CHECK(pad_left("12345", 3) == "12\u2026");
  CHECK(pad_right("", 2) == "  ");
}

TEST_CASE("wrap breaks messages at spaces and cuts words longer than a line") {
  auto lines = wrap("cannot reach the admin interface at 127.0.0.1:8081", 20);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "cannot reach the");
  CHECK(lines[1] == "admin interface at");
  CHECK(lines[2] == "127.0.0.1:8081");
  CHECK(wrap("abcdefghij klm", 4)
        == std::vector<std::string>{"abc\u2026", "klm"});
  CHECK(wrap("핫 게시글", 3) == std::vector<std::string>{"핫", "게\u2026"});
  CHECK(wrap("anything", 0).empty());
}

TEST_CASE("flowed items fill lines to the width, never split an item") {
  std::vector<std::string> items{"throughput", "consumed 20.0/s",
                                 "applied 20.0/s", "late 0.0/s",
                                 "redis writes 9.9/s"};
  SECTION("all on one line when it fits") {
    CHECK(flow(items, unlimited)
          == std::vector<std::string>{
            "throughput  consumed 20.0/s  applied 20.0/s  late 0.0/s  redis "
            "writes 9.9/s"});
  }
  SECTION("the next line starts indented") {
    CHECK(flow(items, 45, 12)
          == std::vector<std::string>{
            "throughput  consumed 20.0/s  applied 20.0/s",
            "            late 0.0/s  redis writes 9.9/s"});
  }
  SECTION("an item wider than the line is cut, not wrapped") {
    auto lines = flow({"x", title}, 10, 2);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "x");
    CHECK(display_width(lines[1]) <= 10);
    CHECK(valid_utf8(lines[1]));
  }
  SECTION("nothing to flow is no line") {
    CHECK(flow({}, 80).empty());
    CHECK(flow({"", ""}, 80).empty());
  }
}
