// Times as the daemon's ranking zone reads them: "14:03:07 KST".
#include "app/console/zone_time.hpp"

#include <cctype>
#include <ctime>

#include "app/console/json_fields.hpp"
#include "app/console/number_format.hpp"

namespace hot::console {

namespace {

// The zone's wall clock at `epoch_ms`, as `format` (strftime) prints it.
std::string local_text(int64_t epoch_ms, const shown_zone& zone,
                       const char* format) {
  auto seconds
    = static_cast<std::time_t>(epoch_ms / 1000 + zone.offset_seconds);
  std::tm parts{};
  if (::gmtime_r(&seconds, &parts) == nullptr)
    return std::to_string(epoch_ms);
  char buf[48];
  std::strftime(buf, sizeof buf, format, &parts);
  return std::string{buf} + " " + zone.label;
}

int64_t local_day(int64_t epoch_ms, const shown_zone& zone) {
  auto ms = epoch_ms + zone.offset_seconds * 1000;
  return ms >= 0 ? ms / 86'400'000 : (ms - 86'399'999) / 86'400'000;
}

} // namespace

shown_zone zone_of(const nlohmann::json& doc) {
  const auto& tz = object_field(doc, "timeZone");
  shown_zone out;
  if (tz.empty())
    return out;
  out.name = string_field(tz, "name", "UTC");
  out.offset_seconds = int_field(tz, "utcOffsetSeconds");
  out.offset = string_field(tz, "utcOffset", "+00:00");
  // Zones without a name of their own abbreviate as "+09": show the offset.
  auto abbreviation = string_field(tz, "abbreviation");
  out.label = !abbreviation.empty()
                  && std::isalpha(static_cast<unsigned char>(abbreviation[0]))
                       != 0
                ? abbreviation
                : out.offset;
  return out;
}

std::string clock_text(int64_t epoch_ms, const shown_zone& zone) {
  return local_text(epoch_ms, zone, "%H:%M:%S");
}

std::string date_time_text(int64_t epoch_ms, const shown_zone& zone) {
  return local_text(epoch_ms, zone, "%Y-%m-%d %H:%M:%S");
}

std::string moment_text(int64_t then_ms, int64_t now_ms,
                        const shown_zone& zone) {
  if (then_ms == 0)
    return "never";
  auto when = local_day(then_ms, zone) == local_day(now_ms, zone)
                ? clock_text(then_ms, zone)
                : date_time_text(then_ms, zone);
  // A time the clocks disagree on shows as itself, without an age.
  auto age_ms = now_ms - then_ms;
  if (age_ms < -5'000 || age_ms > int64_t{30} * 86'400'000)
    return date_time_text(then_ms, zone);
  return when + " (" + age_text(then_ms, now_ms) + ")";
}

std::string zone_heading(const shown_zone& zone) {
  if (zone.label == zone.offset)
    return "times in " + zone.name + " (" + zone.offset + ")";
  return "times in " + zone.label + " (" + zone.name + ", " + zone.offset + ")";
}

} // namespace hot::console
