// Reading option values: counts, rates and lengths of time like "30s".
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hot::gen {

/// Strict readers for command-line values: the whole text must match, and
/// out-of-range values are rejected rather than clamped.
class option_values {
public:
  static std::optional<uint64_t> parse_unsigned(std::string_view text);

  /// A finite decimal number >= 0.
  static std::optional<double> parse_rate(std::string_view text);

  /// An integer with an optional unit: ms, s, m or h ("250ms", "30s",
  /// "5m"); no unit means seconds.
  static std::optional<std::chrono::milliseconds>
  parse_duration(std::string_view text);

  /// "5m", "30s", "250ms": the largest unit that is exact.
  static std::string format_duration(std::chrono::milliseconds value);

  /// "100", "0.5": no trailing zeros.
  static std::string format_rate(double value);
};

} // namespace hot::gen
