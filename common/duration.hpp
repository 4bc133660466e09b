// Durations as people write them in configuration: "250ms", "10d", "1h30min".
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hot {

/// Reads one or more <integer><unit> parts, units ms, s, m or min, h, d
/// (e.g. "90s", "1h30min", "10d"). Nullopt for anything else, including a
/// negative or overflowing total.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

/// The shortest exact form: 864000000ms prints as "10d", 5400000ms as
/// "90min", 1500ms as "1500ms".
std::string format_duration(std::chrono::milliseconds d);

} // namespace hot
