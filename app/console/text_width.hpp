// Display width of UTF-8 text, and cutting it to a number of columns.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hot::console {

/// No limit: the text keeps its full width (output to a pipe or a file).
inline constexpr size_t unlimited = static_cast<size_t>(-1);

/// Columns `text` takes on a terminal (wcwidth of each character, so the
/// locale's LC_CTYPE must be UTF-8 for Korean to count as two columns).
/// Control characters and invalid bytes count as one, like their `?`.
size_t display_width(std::string_view text);

/// `text` with control characters and invalid UTF-8 replaced by `?`, cut to
/// at most `width` columns between characters, never inside a multi-byte
/// sequence; a cut is marked with `…`.
std::string fit(std::string_view text, size_t width);

/// `fit`, then padded with spaces to exactly `width` columns.
std::string pad_right(std::string_view text, size_t width);

/// `fit`, then spaces in front to exactly `width` columns.
std::string pad_left(std::string_view text, size_t width);

/// Words of `text` on lines of at most `width` columns; a word wider than a
/// line is cut. For messages, not for tables.
std::vector<std::string> wrap(std::string_view text, size_t width);

/// `items` two spaces apart on lines of at most `width` columns, an item
/// never split across lines; lines after the first start with `indent`
/// spaces. The header lines of a view, which must fit 80 columns.
std::vector<std::string> flow(const std::vector<std::string>& items,
                              size_t width, size_t indent = 2);

} // namespace hot::console
