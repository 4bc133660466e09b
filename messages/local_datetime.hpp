// A zone-less wall-clock date-time, as the reference producers write it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <caf/meta/type_name.hpp>
#include <date/date.h>

#include "messages/day_key.hpp"

namespace hot {

/// Java's `LocalDateTime`: no zone; the configured zone gives it meaning.
struct local_datetime {
  int32_t year = 1970;
  uint8_t month = 1;
  uint8_t day = 1;
  uint8_t hour = 0;
  uint8_t minute = 0;
  uint8_t second = 0;
  uint32_t nanos = 0;

  day_key date() const;

  date::local_time<std::chrono::nanoseconds> local_time() const;

  /// ISO-8601 the way Java's ISO_LOCAL_DATE_TIME prints it: seconds always,
  /// the fraction only when non-zero and without trailing zeros.
  std::string to_iso() const;

  friend bool operator==(const local_datetime& a, const local_datetime& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day
           && a.hour == b.hour && a.minute == b.minute && a.second == b.second
           && a.nanos == b.nanos;
  }
  friend bool operator!=(const local_datetime& a, const local_datetime& b) {
    return !(a == b);
  }

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, local_datetime& x) {
    return f(caf::meta::type_name("local_datetime"), x.year, x.month, x.day,
             x.hour, x.minute, x.second, x.nanos);
  }
};

/// Why a date-time could not be read.
enum class datetime_problem { none, malformed, out_of_range };

/// Builds a date-time from its parts; rejects impossible values (month 13,
/// February 30, hour 24, nanos >= 1e9).
datetime_problem make_local_datetime(int64_t year, int64_t month, int64_t day,
                                     int64_t hour, int64_t minute,
                                     int64_t second, int64_t nanos,
                                     local_datetime& out);

/// Reads `yyyy-MM-ddTHH:mm[:ss[.fffffffff]]` (1 to 9 fraction digits).
datetime_problem parse_iso_local_datetime(std::string_view text,
                                          local_datetime& out);

std::string_view to_string(datetime_problem x);

} // namespace hot
