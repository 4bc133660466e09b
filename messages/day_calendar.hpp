// Days in the configured time zone: day keys, day ends and seal instants.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <caf/expected.hpp>

#include "messages/day_key.hpp"
#include "messages/local_datetime.hpp"
#include "messages/snowflake.hpp"

namespace date {
class time_zone;
} // namespace date

namespace hot {

/// The one place that knows the service's time zone (IANA name, read from
/// the system tz database) and when a day ends and is sealed.
///
/// Local wall-clock instants that fall into a DST gap map to the instant of
/// the transition; ambiguous ones (a repeated hour) to the earlier instant.
class day_calendar {
public:
  /// Fails for a name the tz database does not know or a negative
  /// `seal_after`.
  static caf::expected<day_calendar> make(std::string_view zone_name,
                                          std::chrono::milliseconds seal_after);

  const std::string& zone_name() const {
    return zone_name_;
  }

  /// How long past the next midnight a day stays open for late events.
  std::chrono::milliseconds seal_after() const {
    return seal_after_;
  }

  /// Local midnight at the start of `day`.
  instant start_of(day_key day) const;

  /// Local midnight at the start of the next day: events at or after this
  /// instant no longer count for `day`.
  instant end_of(day_key day) const;

  /// The next day's local midnight plus `seal_after` (01:00 by default):
  /// from here on the day's list is final.
  instant seal_of(day_key day) const;

  /// The local calendar day at instant `t`.
  day_key day_at(instant t) const;

  /// The instant of a local wall-clock time in this zone (the earlier one
  /// in a repeated hour, the transition in a skipped one).
  instant instant_of(const local_datetime& local) const;

  /// The local wall-clock time at instant `t`, as producers in this zone
  /// write `createdAt`.
  local_datetime local_at(instant t) const;

  /// The newest day whose seal instant is not after `now`: the list that
  /// clients are served now.
  day_key last_sealed_at(instant now) const;

  /// The zone's abbreviation ("KST") and its offset from UTC at `t`.
  struct utc_offset {
    std::string abbreviation;
    std::chrono::seconds offset;
  };
  utc_offset offset_at(instant t) const;

private:
  day_calendar(std::string name, const date::time_zone* zone,
               std::chrono::milliseconds seal_after);

  instant local_to_instant(date::local_time<std::chrono::milliseconds>) const;

  std::string zone_name_;
  const date::time_zone* zone_;
  std::chrono::milliseconds seal_after_;
};

} // namespace hot
