// A line-by-line reading of an INI file, beside CAF's parser: where each
// key is, and what a line CAF refuses does wrong, in words.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace hot {

/// The first line CAF's grammar would refuse, and why.
struct ini_problem {
  size_t line = 0;
  /// The key in full, with its section: "ranking.list-ttl"; empty for a
  /// line that has none.
  std::string key;
  std::string what;
  /// The key itself contains '.': "property.security.protocol".
  bool dotted_key = false;
  /// A dotted key's value, unquoted, to show the form that works.
  std::string value;
};

struct ini_scan {
  /// The text to hand CAF: whole-line '#' comments made ';' ones, every
  /// line kept where it was.
  std::string text;
  /// Each key's line, by its full dotted name.
  std::map<std::string, size_t> lines;
  std::optional<ini_problem> problem;
};

/// Reads `text` as CAF 0.17's INI grammar: `[group]` or `[group.sub]`
/// headers, `key=value` lines, values quoted, numeric, boolean, durations
/// or bracketed lists, comments from ';' (or '#' at the start of a line).
ini_scan scan_ini(const std::string& text);

} // namespace hot
