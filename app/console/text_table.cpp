// Columns of text aligned by display width, for the console's tables.
#include "app/console/text_table.hpp"

#include <algorithm>

namespace hot::console {

namespace {

constexpr size_t gap = 2;

} // namespace

text_table& text_table::column(std::string header, align how) {
  headers_.push_back(std::move(header));
  aligns_.push_back(how);
  return *this;
}

void text_table::add_row(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

std::string text_table::render_row(const std::vector<std::string>& cells,
                                   const std::vector<size_t>& widths,
                                   size_t indent) const {
  std::string line(indent, ' ');
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0)
      line.append(gap, ' ');
    bool last = i + 1 == cells.size();
    if (aligns_[i] == align::right)
      line += pad_left(cells[i], widths[i]);
    else if (last) // No trailing blanks on a left-aligned last column.
      line += cells[i];
    else
      line += pad_right(cells[i], widths[i]);
  }
  return line;
}

text_lines text_table::render(size_t width, size_t indent) const {
  std::vector<size_t> widths(headers_.size(), 0);
  for (size_t i = 0; i < headers_.size(); ++i) {
    widths[i] = display_width(headers_[i]);
    for (const auto& row : rows_)
      widths[i] = std::max(widths[i], display_width(row[i]));
  }
  text_lines out;
  out.push_back(
    {fit(render_row(headers_, widths, indent), width), line_style::heading});
  for (const auto& row : rows_)
    out.push_back({fit(render_row(row, widths, indent), width)});
  return out;
}

text_lines
key_values(const std::vector<std::pair<std::string, std::string>>& items,
           size_t width) {
  size_t key_width = 0;
  for (const auto& item : items)
    key_width = std::max(key_width, display_width(item.first));
  text_lines out;
  for (const auto& [key, value] : items)
    out.push_back({fit(pad_right(key, key_width) + "  " + value, width)});
  return out;
}

} // namespace hot::console
