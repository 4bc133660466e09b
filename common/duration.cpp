// Durations as people write them in configuration: "250ms", "10d", "1h30min".
#include "common/duration.hpp"

#include <array>
#include <cstdint>
#include <utility>

namespace hot {

namespace {

using namespace std::chrono_literals;

// Longer suffixes first: "min" and "ms" must win over "m".
constexpr std::array<std::pair<std::string_view, int64_t>, 6> units{{
  {"min", 60'000},
  {"ms", 1},
  {"d", 86'400'000},
  {"h", 3'600'000},
  {"m", 60'000},
  {"s", 1'000},
}};

} // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty())
    return std::nullopt;
  int64_t total = 0;
  while (!text.empty()) {
    int64_t value = 0;
    size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
      if (__builtin_mul_overflow(value, 10, &value)
          || __builtin_add_overflow(value, text[digits] - '0', &value))
        return std::nullopt;
      ++digits;
    }
    if (digits == 0)
      return std::nullopt;
    text.remove_prefix(digits);
    bool matched = false;
    for (const auto& [suffix, factor] : units) {
      if (text.substr(0, suffix.size()) == suffix) {
        int64_t part = 0;
        if (__builtin_mul_overflow(value, factor, &part)
            || __builtin_add_overflow(total, part, &total))
          return std::nullopt;
        text.remove_prefix(suffix.size());
        matched = true;
        break;
      }
    }
    if (!matched)
      return std::nullopt;
  }
  return std::chrono::milliseconds{total};
}

std::string format_duration(std::chrono::milliseconds d) {
  auto ms = d.count();
  if (ms == 0)
    return "0s";
  for (const auto& [suffix, factor] :
       {std::pair<const char*, int64_t>{"d", 86'400'000},
        {"h", 3'600'000},
        {"min", 60'000},
        {"s", 1'000}})
    if (ms % factor == 0)
      return std::to_string(ms / factor) + suffix;
  return std::to_string(ms) + "ms";
}

} // namespace hot
