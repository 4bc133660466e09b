// A line-by-line reading of an INI file, beside CAF's parser: where each
// key is, and what a line CAF refuses does wrong, in words.
#include "app/daemon/ini_scan.hpp"

#include <cctype>
#include <cstdlib>
#include <sstream>
#include <vector>

namespace hot {

namespace {

std::string trimmed(const std::string& s) {
  auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos)
    return {};
  return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

bool is_name(const std::string& s) {
  if (s.empty())
    return false;
  for (char c : s)
    if (!is_name_char(c))
      return false;
  return true;
}

/// Where the quoted text starting at `open` ends (its closing quote), or
/// npos when the line ends first.
size_t closing_quote(const std::string& s, size_t open) {
  for (size_t i = open + 1; i < s.size(); ++i) {
    if (s[i] == '\\')
      ++i;
    else if (s[i] == '"')
      return i;
  }
  return std::string::npos;
}

/// What is left once a "; comment" outside quotes is cut off.
std::string without_comment(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '"') {
      i = closing_quote(s, i);
      if (i == std::string::npos)
        return s;
    } else if (s[i] == ';') {
      return trimmed(s.substr(0, i));
    }
  }
  return s;
}

std::string unquoted(const std::string& v) {
  auto close = v.empty() || v[0] != '"' ? std::string::npos
                                        : closing_quote(v, 0);
  return close == std::string::npos ? v : v.substr(1, close - 1);
}

/// CAF's unquoted values: numbers, booleans and durations ("90s", "5min").
bool is_bare_value(const std::string& v) {
  if (v == "true" || v == "false")
    return true;
  char* end = nullptr;
  std::strtod(v.c_str(), &end);
  if (end == v.c_str())
    return false;
  std::string unit{end};
  return unit.empty() || unit == "ns" || unit == "us" || unit == "ms"
         || unit == "s" || unit == "min" || unit == "h";
}

/// How many brackets `s` leaves open, quotes skipped.
int bracket_depth(const std::string& s, int depth) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '"') {
      i = closing_quote(s, i);
      if (i == std::string::npos)
        return depth;
    } else if (s[i] == '[' || s[i] == '{') {
      ++depth;
    } else if (s[i] == ']' || s[i] == '}') {
      --depth;
    } else if (s[i] == ';') {
      return depth;
    }
  }
  return depth;
}

class scanner {
public:
  explicit scanner(ini_scan& out) : out_(out) {
  }

  void line(const std::string& raw, size_t number) {
    auto s = trimmed(raw);
    if (open_brackets_ > 0) {
      open_brackets_ = bracket_depth(s, open_brackets_);
      return;
    }
    if (s.empty() || s[0] == ';' || s[0] == '#')
      return;
    if (s[0] == '[')
      header(s, number);
    else
      setting(s, number);
  }

private:
  void fail(size_t number, std::string key, std::string what) {
    if (out_.problem)
      return;
    out_.problem.emplace();
    out_.problem->line = number;
    out_.problem->key = std::move(key);
    out_.problem->what = std::move(what);
  }

  void header(const std::string& s, size_t number) {
    auto close = s.find(']');
    auto name = close == std::string::npos ? std::string{}
                                           : trimmed(s.substr(1, close - 1));
    bool named = !name.empty();
    std::istringstream parts{name};
    for (std::string part; std::getline(parts, part, '.');)
      named = named && is_name(part);
    auto rest = close == std::string::npos ? s : trimmed(s.substr(close + 1));
    if (!named || (!rest.empty() && rest[0] != ';')) {
      fail(number, {},
           "a section header looks like [group] or [group.sub], got " + s);
      return;
    }
    section_ = name;
  }

  void setting(const std::string& s, size_t number) {
    auto eq = s.find('=');
    if (eq == std::string::npos) {
      fail(number, {}, "expected key=value, got " + s);
      return;
    }
    auto key = trimmed(s.substr(0, eq));
    auto full = section_.empty() ? key : section_ + "." + key;
    auto value = without_comment(trimmed(s.substr(eq + 1)));
    if (key.find('.') != std::string::npos) {
      fail(number, full, "a key cannot contain '.'");
      if (out_.problem->line == number) {
        out_.problem->dotted_key = true;
        out_.problem->value = unquoted(value);
      }
      return;
    }
    if (!is_name(key)) {
      fail(number, {},
           "expected key=value with a key of letters, digits, "
           "'-' or '_', got "
             + s);
      return;
    }
    out_.lines.emplace(full, number);
    value_problem(key, full, value, number);
  }

  void value_problem(const std::string& key, const std::string& full,
                     const std::string& value, size_t number) {
    if (value.empty()) {
      fail(number, full, "no value (for empty text write " + key + "=\"\")");
    } else if (value[0] == '"') {
      auto close = closing_quote(value, 0);
      if (close == std::string::npos)
        fail(number, full, "the closing double quote is missing");
      else if (close + 1 != value.size())
        fail(number, full,
             "text follows the closing double quote: "
               + value.substr(close + 1));
    } else if (value[0] == '[' || value[0] == '{') {
      open_brackets_ = bracket_depth(value, 0);
    } else if (value.find('#') != std::string::npos) {
      fail(number, full, "a comment after a value starts with ';', not '#'");
    } else if (value[0] != '\'' && !is_bare_value(value)) {
      fail(number, full,
           "text must be in double quotes: " + key + "=\"" + value + "\"");
    }
  }

  ini_scan& out_;
  std::string section_;
  int open_brackets_ = 0;
};

} // namespace

ini_scan scan_ini(const std::string& text) {
  ini_scan out;
  scanner lines{out};
  std::istringstream in{text};
  size_t number = 0;
  for (std::string raw; std::getline(in, raw);) {
    lines.line(raw, ++number);
    auto first = raw.find_first_not_of(" \t");
    if (first != std::string::npos && raw[first] == '#')
      raw[first] = ';';
    out.text += raw;
    out.text += '\n';
  }
  return out;
}

} // namespace hot
