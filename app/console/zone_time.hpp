// Times as the daemon's ranking zone reads them: "14:03:07 KST".
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace hot::console {

/// The zone the days are ranked in, as the admin answers name it; every
/// time the console shows is in this zone and says so.
struct shown_zone {
  std::string name = "UTC";  // "Asia/Seoul"
  std::string label = "UTC"; // "KST", or "+09:00" where the zone has none
  std::string offset = "+00:00";
  int64_t offset_seconds = 0;
};

/// The "timeZone" object of an admin answer; UTC when it has none.
shown_zone zone_of(const nlohmann::json& doc);

/// "14:03:07 KST".
std::string clock_text(int64_t epoch_ms, const shown_zone& zone);

/// "2026-11-22 14:03:07 KST".
std::string date_time_text(int64_t epoch_ms, const shown_zone& zone);

/// When `then_ms` was and how long before `now_ms`: "14:03:07 KST (1.5s
/// ago)", with the date when it is not today's; "never" for 0.
std::string moment_text(int64_t then_ms, int64_t now_ms,
                        const shown_zone& zone);

/// "times in KST (Asia/Seoul, +09:00)", for a header.
std::string zone_heading(const shown_zone& zone);

} // namespace hot::console
