// Display width of UTF-8 text, and cutting it to a number of columns.
#include "app/console/text_width.hpp"

#include <algorithm>
#include <cstdint>
#include <cwchar>

namespace hot::console {

namespace {

/// One character of the input: its bytes and the columns it takes.
struct glyph {
  size_t size = 1;    // bytes consumed
  size_t columns = 1; // display width
  bool clean = true;  // false: print `?` instead of the bytes
};

unsigned char byte_at(std::string_view s, size_t i) {
  return static_cast<unsigned char>(s[i]);
}

bool continuation(std::string_view s, size_t i) {
  return i < s.size() && (byte_at(s, i) & 0xC0) == 0x80;
}

// A strict decoder: overlong forms, surrogates and truncated sequences are
// invalid bytes, so a title cut by someone else still prints safely.
glyph next_glyph(std::string_view s, size_t i) {
  auto lead = byte_at(s, i);
  if (lead < 0x80) {
    bool printable = lead >= 0x20 && lead != 0x7F;
    return {1, 1, printable};
  }
  size_t size = 0;
  uint32_t cp = 0;
  uint32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    size = 2, cp = lead & 0x1Fu, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    size = 3, cp = lead & 0x0Fu, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    size = 4, cp = lead & 0x07u, min = 0x10000;
  } else {
    return {1, 1, false};
  }
  for (size_t k = 1; k < size; ++k) {
    if (!continuation(s, i + k))
      return {1, 1, false};
    cp = (cp << 6) | (byte_at(s, i + k) & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return {1, 1, false};
  // C1 controls would let a title steer the terminal.
  if (cp < 0xA0)
    return {size, 1, false};
  auto w = ::wcwidth(static_cast<wchar_t>(cp));
  // -1: not printable in this locale; assume one column rather than none.
  return {size, w < 0 ? size_t{1} : static_cast<size_t>(w), w >= 0};
}

constexpr std::string_view ellipsis = "\u2026";

void append(std::string& out, std::string_view s, size_t i, const glyph& g) {
  if (g.clean)
    out.append(s.substr(i, g.size));
  else
    out += '?';
}

} // namespace

size_t display_width(std::string_view text) {
  size_t columns = 0;
  for (size_t i = 0; i < text.size();) {
    auto g = next_glyph(text, i);
    columns += g.columns;
    i += g.size;
  }
  return columns;
}

std::string fit(std::string_view text, size_t width) {
  std::string out;
  auto total = display_width(text);
  // Room for the ellipsis when the text does not fit.
  auto budget = total <= width ? width : (width == 0 ? 0 : width - 1);
  size_t used = 0;
  for (size_t i = 0; i < text.size();) {
    auto g = next_glyph(text, i);
    if (used + g.columns > budget)
      break;
    append(out, text, i, g);
    used += g.columns;
    i += g.size;
  }
  if (total > width && width > 0)
    out.append(ellipsis);
  return out;
}

std::string pad_right(std::string_view text, size_t width) {
  auto out = fit(text, width);
  auto used = display_width(out);
  if (used < width)
    out.append(width - used, ' ');
  return out;
}

std::string pad_left(std::string_view text, size_t width) {
  auto out = fit(text, width);
  auto used = display_width(out);
  return used < width ? std::string(width - used, ' ') + out : out;
}

std::vector<std::string> wrap(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t used = 0;
  size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string_view::npos)
      end = text.size();
    auto word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty())
      continue;
    auto w = display_width(word);
    if (used > 0 && used + 1 + w > width) {
      lines.push_back(std::move(line));
      line.clear();
      used = 0;
    }
    if (used > 0) {
      line += ' ';
      ++used;
    }
    line += fit(word, width - used);
    used += std::min(w, width - used);
  }
  if (!line.empty())
    lines.push_back(std::move(line));
  return lines;
}

std::vector<std::string> flow(const std::vector<std::string>& items,
                              size_t width, size_t indent) {
  std::vector<std::string> lines;
  std::string line;
  size_t used = 0;
  bool has_item = false;
  for (const auto& item : items) {
    if (item.empty())
      continue;
    auto w = display_width(item);
    if (has_item && used + 2 + w > width) {
      lines.push_back(fit(line, width));
      line.assign(indent, ' ');
      used = indent;
      has_item = false;
    }
    if (has_item) {
      line += "  ";
      used += 2;
    }
    line += item;
    used += w;
    has_item = true;
  }
  if (has_item)
    lines.push_back(fit(line, width));
  return lines;
}

} // namespace hot::console
