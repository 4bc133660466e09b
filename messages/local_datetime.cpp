// A zone-less wall-clock date-time, as the reference producers write it.
#include "messages/local_datetime.hpp"

namespace hot {

namespace {

// Reads exactly `width` digits at `pos`; false when any is not a digit.
bool read_digits(std::string_view text, size_t pos, size_t width,
                 int64_t& out) {
  if (pos + width > text.size())
    return false;
  int64_t value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    char c = text[i];
    if (c < '0' || c > '9')
      return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

void append_two(std::string& out, unsigned value) {
  out += static_cast<char>('0' + value / 10);
  out += static_cast<char>('0' + value % 10);
}

} // namespace

day_key local_datetime::date() const {
  return day_key{
    date::year_month_day{date::year{year}, date::month{month}, date::day{day}}};
}

date::local_time<std::chrono::nanoseconds> local_datetime::local_time() const {
  auto days = date::local_days{
    date::year_month_day{date::year{year}, date::month{month}, date::day{day}}};
  return days + std::chrono::hours{hour} + std::chrono::minutes{minute}
         + std::chrono::seconds{second} + std::chrono::nanoseconds{nanos};
}

std::string local_datetime::to_iso() const {
  std::string out = date().to_string();
  out.insert(4, 1, '-');
  out.insert(7, 1, '-');
  out += 'T';
  append_two(out, hour);
  out += ':';
  append_two(out, minute);
  out += ':';
  append_two(out, second);
  if (nanos != 0) {
    std::string fraction = std::to_string(nanos);
    fraction.insert(0, 9 - fraction.size(), '0');
    while (fraction.back() == '0')
      fraction.pop_back();
    out += '.';
    out += fraction;
  }
  return out;
}

datetime_problem make_local_datetime(int64_t year, int64_t month, int64_t day,
                                     int64_t hour, int64_t minute,
                                     int64_t second, int64_t nanos,
                                     local_datetime& out) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31
      || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
      || second > 59 || nanos < 0 || nanos > 999'999'999)
    return datetime_problem::out_of_range;
  date::year_month_day ymd{date::year{static_cast<int>(year)},
                           date::month{static_cast<unsigned>(month)},
                           date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok())
    return datetime_problem::out_of_range;
  out.year = static_cast<int32_t>(year);
  out.month = static_cast<uint8_t>(month);
  out.day = static_cast<uint8_t>(day);
  out.hour = static_cast<uint8_t>(hour);
  out.minute = static_cast<uint8_t>(minute);
  out.second = static_cast<uint8_t>(second);
  out.nanos = static_cast<uint32_t>(nanos);
  return datetime_problem::none;
}

datetime_problem parse_iso_local_datetime(std::string_view text,
                                          local_datetime& out) {
  // Fixed part: yyyy-MM-ddTHH:mm
  int64_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int64_t nanos = 0;
  if (text.size() < 16 || !read_digits(text, 0, 4, year) || text[4] != '-'
      || !read_digits(text, 5, 2, month) || text[7] != '-'
      || !read_digits(text, 8, 2, day) || text[10] != 'T'
      || !read_digits(text, 11, 2, hour) || text[13] != ':'
      || !read_digits(text, 14, 2, minute))
    return datetime_problem::malformed;
  size_t pos = 16;
  if (pos < text.size()) {
    if (text[pos] != ':' || !read_digits(text, pos + 1, 2, second))
      return datetime_problem::malformed;
    pos += 3;
  }
  if (pos < text.size()) {
    if (text[pos] != '.')
      return datetime_problem::malformed;
    size_t digits = text.size() - pos - 1;
    if (digits < 1 || digits > 9 || !read_digits(text, pos + 1, digits, nanos))
      return datetime_problem::malformed;
    for (size_t i = digits; i < 9; ++i)
      nanos *= 10;
  }
  return make_local_datetime(year, month, day, hour, minute, second, nanos,
                             out);
}

std::string_view to_string(datetime_problem x) {
  switch (x) {
    case datetime_problem::none:
      return "none";
    case datetime_problem::malformed:
      return "malformed";
    case datetime_problem::out_of_range:
      return "out_of_range";
  }
  return "unknown";
}

} // namespace hot
