// Reading option values: counts, rates and lengths of time like "30s".
#include "app/generator/option_values.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

#include "common/duration.hpp"

namespace hot::gen {

std::optional<uint64_t> option_values::parse_unsigned(std::string_view text) {
  uint64_t value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end)
    return std::nullopt;
  return value;
}

std::optional<double> option_values::parse_rate(std::string_view text) {
  double value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value,
                                   std::chars_format::fixed);
  if (text.empty() || ec != std::errc{} || ptr != end || !std::isfinite(value)
      || value < 0)
    return std::nullopt;
  return value;
}

std::optional<std::chrono::milliseconds>
option_values::parse_duration(std::string_view text) {
  // A bare number is seconds, as in other load tools; units as the daemon's.
  if (!text.empty() && text.find_first_not_of("0123456789") == text.npos) {
    auto seconds = parse_unsigned(text);
    constexpr uint64_t limit = std::numeric_limits<int64_t>::max() / 1000;
    if (!seconds || *seconds > limit)
      return std::nullopt;
    return std::chrono::seconds{static_cast<int64_t>(*seconds)};
  }
  return hot::parse_duration(text);
}

std::string option_values::format_duration(std::chrono::milliseconds value) {
  auto ms = value.count();
  if (ms != 0 && ms % 3'600'000 == 0)
    return std::to_string(ms / 3'600'000) + "h";
  if (ms != 0 && ms % 60'000 == 0)
    return std::to_string(ms / 60'000) + "m";
  if (ms % 1000 == 0)
    return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

std::string option_values::format_rate(double value) {
  std::array<char, 64> buf{};
  std::snprintf(buf.data(), buf.size(), "%g", value);
  return buf.data();
}

} // namespace hot::gen
