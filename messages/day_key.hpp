// A calendar day as the key of one ranking list: yyyyMMdd.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <caf/meta/type_name.hpp>
#include <date/date.h>

namespace hot {

/// One calendar day, ordered, printable as yyyyMMdd (e.g. 20250525).
class day_key {
public:
  constexpr day_key() = default;

  /// Requires a valid date (see `from_ymd` for unchecked input).
  explicit day_key(date::year_month_day ymd);

  /// Returns nullopt for impossible dates such as 2025-02-30.
  static std::optional<day_key> from_ymd(int year, unsigned month,
                                         unsigned day);

  /// Parses exactly eight digits forming a possible date.
  static std::optional<day_key> parse(std::string_view text);

  date::year_month_day ymd() const;
  date::sys_days days() const {
    return date::sys_days{ymd()};
  }

  day_key next() const;
  day_key prev() const;
  day_key plus_days(int n) const;

  /// The yyyyMMdd number, e.g. 20250525.
  constexpr int32_t value() const {
    return value_;
  }

  std::string to_string() const;

  friend constexpr bool operator==(day_key a, day_key b) {
    return a.value_ == b.value_;
  }
  friend constexpr bool operator!=(day_key a, day_key b) {
    return a.value_ != b.value_;
  }
  friend constexpr bool operator<(day_key a, day_key b) {
    return a.value_ < b.value_;
  }
  friend constexpr bool operator<=(day_key a, day_key b) {
    return a.value_ <= b.value_;
  }
  friend constexpr bool operator>(day_key a, day_key b) {
    return a.value_ > b.value_;
  }
  friend constexpr bool operator>=(day_key a, day_key b) {
    return a.value_ >= b.value_;
  }

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, day_key& x) {
    return f(caf::meta::type_name("day_key"), x.value_);
  }

private:
  int32_t value_ = 0;
};

inline std::string to_string(day_key x) {
  return x.to_string();
}

} // namespace hot

namespace std {

template <>
struct hash<hot::day_key> {
  size_t operator()(hot::day_key x) const noexcept {
    return std::hash<int32_t>{}(x.value());
  }
};

} // namespace std
