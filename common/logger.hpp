// The project's logger: one line per event, component name first.
#pragma once

#include <atomic>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace hot::log {

enum class level : int { trace = 0, debug, info, warn, error, off };

/// Parses "trace", "debug", "info", "warn", "error" or "off".
std::optional<level> parse_level(std::string_view text);

std::string_view to_string(level lvl);

/// Sets the process-wide threshold; lines below it cost one atomic load.
void set_level(level lvl);

level current_level();

inline bool enabled(level lvl) {
  extern std::atomic<int> threshold;
  return static_cast<int>(lvl) >= threshold.load(std::memory_order_relaxed);
}

/// Writes one complete line to stderr with a single write() so that lines
/// from different threads never interleave.
void write_line(level lvl, std::string_view component, std::string_view text);

} // namespace hot::log

#define HOT_LOG(lvl, component, stream_expr)                                   \
  do {                                                                         \
    if (::hot::log::enabled(lvl)) {                                            \
      std::ostringstream hot_log_os_;                                          \
      hot_log_os_ << stream_expr;                                              \
      ::hot::log::write_line(lvl, component, hot_log_os_.str());               \
    }                                                                          \
  } while (false)

#define HOT_LOG_TRACE(c, s) HOT_LOG(::hot::log::level::trace, c, s)
#define HOT_LOG_DEBUG(c, s) HOT_LOG(::hot::log::level::debug, c, s)
#define HOT_LOG_INFO(c, s) HOT_LOG(::hot::log::level::info, c, s)
#define HOT_LOG_WARN(c, s) HOT_LOG(::hot::log::level::warn, c, s)
#define HOT_LOG_ERROR(c, s) HOT_LOG(::hot::log::level::error, c, s)
