// A calendar day as the key of one ranking list: yyyyMMdd.
#include "messages/day_key.hpp"

namespace hot {

day_key::day_key(date::year_month_day ymd)
  : value_(static_cast<int>(ymd.year()) * 10000
           + static_cast<int>(static_cast<unsigned>(ymd.month())) * 100
           + static_cast<int>(static_cast<unsigned>(ymd.day()))) {
}

std::optional<day_key> day_key::from_ymd(int year, unsigned month,
                                         unsigned day) {
  // yyyyMMdd has room for four year digits only.
  if (year < 1 || year > 9999)
    return std::nullopt;
  date::year_month_day ymd{date::year{year}, date::month{month},
                           date::day{day}};
  if (!ymd.ok())
    return std::nullopt;
  return day_key{ymd};
}

std::optional<day_key> day_key::parse(std::string_view text) {
  if (text.size() != 8)
    return std::nullopt;
  int digits[8];
  for (size_t i = 0; i < 8; ++i) {
    if (text[i] < '0' || text[i] > '9')
      return std::nullopt;
    digits[i] = text[i] - '0';
  }
  int year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
  auto month = static_cast<unsigned>(digits[4] * 10 + digits[5]);
  auto day = static_cast<unsigned>(digits[6] * 10 + digits[7]);
  return from_ymd(year, month, day);
}

date::year_month_day day_key::ymd() const {
  return date::year_month_day{
    date::year{value_ / 10000},
    date::month{static_cast<unsigned>(value_ / 100 % 100)},
    date::day{static_cast<unsigned>(value_ % 100)}};
}

day_key day_key::next() const {
  return plus_days(1);
}

day_key day_key::prev() const {
  return plus_days(-1);
}

day_key day_key::plus_days(int n) const {
  return day_key{date::year_month_day{days() + date::days{n}}};
}

std::string day_key::to_string() const {
  auto text = std::to_string(value_);
  // Years below 1000 still print as eight digits.
  if (text.size() < 8)
    text.insert(0, 8 - text.size(), '0');
  return text;
}

} // namespace hot
