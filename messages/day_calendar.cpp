// Days in the configured time zone: day keys, day ends and seal instants.
#include "messages/day_calendar.hpp"

#include <caf/error.hpp>
#include <caf/sec.hpp>
#include <date/tz.h>

namespace hot {

caf::expected<day_calendar>
day_calendar::make(std::string_view zone_name,
                   std::chrono::milliseconds seal_after) {
  if (seal_after.count() < 0)
    return caf::make_error(caf::sec::invalid_argument,
                           "seal-after must not be negative");
  try {
    const auto* zone = date::locate_zone(zone_name);
    return day_calendar{std::string{zone_name}, zone, seal_after};
  } catch (const std::exception& ex) {
    return caf::make_error(caf::sec::invalid_argument,
                           "unknown time zone '" + std::string{zone_name}
                             + "': " + ex.what());
  }
}

day_calendar::day_calendar(std::string name, const date::time_zone* zone,
                           std::chrono::milliseconds seal_after)
  : zone_name_(std::move(name)), zone_(zone), seal_after_(seal_after) {
}

instant day_calendar::local_to_instant(
  date::local_time<std::chrono::milliseconds> local) const {
  auto info = zone_->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
      // first.offset is the offset before any repeated hour: the earlier one.
      return instant{local.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:
      // Inside a spring-forward gap: the transition itself.
      return std::chrono::time_point_cast<std::chrono::milliseconds>(
        info.second.begin);
  }
  return instant{};
}

instant day_calendar::start_of(day_key day) const {
  auto local = date::local_days{day.ymd()};
  return local_to_instant(
    date::local_time<std::chrono::milliseconds>{local.time_since_epoch()});
}

instant day_calendar::instant_of(const local_datetime& local) const {
  return local_to_instant(
    std::chrono::floor<std::chrono::milliseconds>(local.local_time()));
}

instant day_calendar::end_of(day_key day) const {
  return start_of(day.next());
}

instant day_calendar::seal_of(day_key day) const {
  auto next_midnight = date::local_days{day.next().ymd()};
  return local_to_instant(date::local_time<std::chrono::milliseconds>{
                            next_midnight.time_since_epoch()}
                          + seal_after_);
}

day_key day_calendar::day_at(instant t) const {
  auto local = zone_->to_local(t);
  return day_key{date::year_month_day{date::floor<date::days>(local)}};
}

local_datetime day_calendar::local_at(instant t) const {
  auto local = zone_->to_local(t);
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::hh_mm_ss<std::chrono::milliseconds> clock{local - day};
  local_datetime out;
  make_local_datetime(static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()),
                      static_cast<unsigned>(ymd.day()), clock.hours().count(),
                      clock.minutes().count(), clock.seconds().count(),
                      clock.subseconds().count() * 1'000'000, out);
  return out;
}

day_key day_calendar::last_sealed_at(instant now) const {
  auto day = day_at(now);
  while (seal_of(day) > now)
    day = day.prev();
  return day;
}

day_calendar::utc_offset day_calendar::offset_at(instant t) const {
  auto info
    = zone_->get_info(std::chrono::time_point_cast<std::chrono::seconds>(t));
  return {info.abbrev, info.offset};
}

} // namespace hot
