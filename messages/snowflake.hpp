// Snowflake ids: the creation instant is in the id itself.
#pragma once

#include <chrono>
#include <cstdint>

#include <date/date.h>

namespace hot {

/// A UTC instant with millisecond resolution (Kafka timestamps, event times).
using instant = date::sys_time<std::chrono::milliseconds>;

/// The wall clock, as an instant.
inline instant now_instant() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
    std::chrono::system_clock::now());
}

/// 2024-01-01T00:00:00Z, the epoch of the reference's Snowflake generator.
inline constexpr int64_t snowflake_epoch_ms = 1'704'067'200'000;

/// Bits 63..22 hold milliseconds since `snowflake_epoch_ms`; below them sit
/// a 10-bit node id and a 12-bit sequence.
inline constexpr int snowflake_time_shift = 22;

constexpr instant snowflake_instant(int64_t id) {
  return instant{std::chrono::milliseconds{(id >> snowflake_time_shift)
                                           + snowflake_epoch_ms}};
}

/// The smallest id whose instant is `at`: useful as a lower bound.
constexpr int64_t snowflake_floor(instant at) {
  return (at.time_since_epoch().count() - snowflake_epoch_ms)
         << snowflake_time_shift;
}

} // namespace hot
