// One line of console output and how the live view should emphasise it.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace hot::console {

enum class line_style {
  normal,
  heading, // a section title or a table header
  alert,   // an error the operator must see
};

/// A line of UTF-8 text without a newline; views never wrap, the terminal
/// side truncates.
struct text_line {
  std::string text;
  line_style style = line_style::normal;
};

using text_lines = std::vector<text_line>;

/// Moves `more` to the end of `out`.
inline void append(text_lines& out, text_lines more) {
  for (auto& line : more)
    out.push_back(std::move(line));
}

/// Writes each line and a newline to `out`.
inline void print_lines(const text_lines& lines, std::FILE* out) {
  for (const auto& line : lines) {
    std::fputs(line.text.c_str(), out);
    std::fputc('\n', out);
  }
  std::fflush(out);
}

} // namespace hot::console
