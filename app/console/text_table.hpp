// Columns of text aligned by display width, for the console's tables.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/console/text_line.hpp"
#include "app/console/text_width.hpp"

namespace hot::console {

enum class align { left, right };

/// A table whose columns are as wide as their widest cell. The last column
/// gets whatever width is left, so titles are cut rather than the figures.
class text_table {
public:
  /// Adds a column; cells of numbers read best aligned right.
  text_table& column(std::string header, align how = align::right);

  /// One row; missing cells are empty, extra cells are ignored.
  void add_row(std::vector<std::string> cells);

  bool empty() const {
    return rows_.empty();
  }

  /// The header (styled as a heading) and the rows, each at most `width`
  /// columns, indented by `indent` spaces.
  text_lines render(size_t width = unlimited, size_t indent = 0) const;

  /// As `render` when the table fits `width`; otherwise several tables,
  /// a blank line apart, each with the first `keys` columns and as many of
  /// the others, in order, as fit.
  text_lines render_folded(size_t width, size_t keys = 1) const;

private:
  std::vector<size_t> column_widths() const;

  std::string render_row(const std::vector<std::string>& cells,
                         const std::vector<size_t>& widths,
                         size_t indent) const;

  std::vector<std::string> headers_;
  std::vector<align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

/// "key   value" lines, the values in one column, each line at most `width`
/// columns: a dump of one thing rather than a table of many.
text_lines
key_values(const std::vector<std::pair<std::string, std::string>>& items,
           size_t width = unlimited);

} // namespace hot::console
