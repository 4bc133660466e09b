// Tables that fold to fit a narrow terminal.
#include <catch2/catch.hpp>

#include "app/console/text_table.hpp"
#include "app/console/text_width.hpp"

using namespace hot::console;

namespace {

text_table sample() {
  text_table table;
  table.column("NAME", align::left)
    .column("AAAA")
    .column("BBBB")
    .column("CCCC");
  table.add_row({"first", "1", "22", "333"});
  table.add_row({"second", "4444", "5", "6"});
  return table;
}

} // namespace

TEST_CASE("a table that fits is rendered whole") {
  auto t = sample();
  // NAME is 6 wide, each other column 4, two blanks between: 24.
  CHECK(t.render_folded(24).size() == 3);
  CHECK(t.render_folded(unlimited).size() == 3);
  CHECK(t.render_folded(24)[1].text == "first      1    22   333");
}

TEST_CASE("a table too wide folds into tables led by the key column") {
  auto lines = sample().render_folded(18);
  // NAME with two columns fits 18, the third goes on: 3 + blank + 3.
  REQUIRE(lines.size() == 7);
  CHECK(lines[0].text == "NAME    AAAA  BBBB");
  CHECK(lines[1].text == "first      1    22");
  CHECK(lines[2].text == "second  4444     5");
  CHECK(lines[3].text.empty());
  CHECK(lines[4].text == "NAME    CCCC");
  CHECK(lines[6].text == "second     6");
  CHECK(lines[0].style == line_style::heading);
  CHECK(lines[4].style == line_style::heading);
}

TEST_CASE("a column wider than the screen gets a table of its own, cut") {
  auto lines = sample().render_folded(8);
  // One column a table: three tables of three lines, two blanks.
  REQUIRE(lines.size() == 11);
  for (const auto& line : lines)
    CHECK(display_width(line.text) <= 8);
}
