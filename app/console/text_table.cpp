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

std::vector<size_t> text_table::column_widths() const {
  std::vector<size_t> widths(headers_.size(), 0);
  for (size_t i = 0; i < headers_.size(); ++i) {
    widths[i] = display_width(headers_[i]);
    for (const auto& row : rows_)
      widths[i] = std::max(widths[i], display_width(row[i]));
  }
  return widths;
}

text_lines text_table::render(size_t width, size_t indent) const {
  auto widths = column_widths();
  text_lines out;
  out.push_back(
    {fit(render_row(headers_, widths, indent), width), line_style::heading});
  for (const auto& row : rows_)
    out.push_back({fit(render_row(row, widths, indent), width)});
  return out;
}

text_lines text_table::render_folded(size_t width, size_t keys) const {
  auto widths = column_widths();
  auto columns = widths.size();
  // The width of columns [from, to) side by side.
  auto span = [&](size_t from, size_t to) {
    size_t sum = 0;
    for (size_t i = from; i < to; ++i)
      sum += widths[i] + (i > from ? gap : 0);
    return sum;
  };
  if (keys >= columns || span(0, columns) <= width)
    return render(width);
  auto key_span = span(0, keys);
  text_lines out;
  for (size_t first = keys; first < columns;) {
    // At least one column each, cut if even that does not fit.
    auto last = first + 1;
    while (last < columns && key_span + gap + span(first, last + 1) <= width)
      ++last;
    std::vector<size_t> picked;
    for (size_t i = 0; i < columns; ++i)
      if (i < keys || (i >= first && i < last))
        picked.push_back(i);
    text_table part;
    for (auto i : picked)
      part.column(headers_[i], aligns_[i]);
    for (const auto& row : rows_) {
      std::vector<std::string> cells;
      for (auto i : picked)
        cells.push_back(row[i]);
      part.add_row(std::move(cells));
    }
    if (!out.empty())
      out.push_back({});
    append(out, part.render(width));
    first = last;
  }
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
