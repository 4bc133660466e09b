// Builders for events with Snowflake ids at chosen instants.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "messages/event.hpp"
#include "messages/local_datetime.hpp"
#include "messages/snowflake.hpp"

namespace hot::test {

inline instant utc(int year, unsigned month, unsigned day, int hour = 0,
                   int minute = 0, int second = 0, int millis = 0) {
  auto days = date::sys_days{
    date::year_month_day{date::year{year}, date::month{month}, date::day{day}}};
  return instant{days} + std::chrono::hours{hour} + std::chrono::minutes{minute}
         + std::chrono::seconds{second} + std::chrono::milliseconds{millis};
}

/// A Snowflake id created at `at`; `seq` tells apart ids of one instant.
inline int64_t snowflake_id(instant at, uint32_t seq = 0) {
  return snowflake_floor(at) | (seq & 0x3fffff);
}

inline local_datetime local(int year, int month, int day, int hour = 0,
                            int minute = 0, int second = 0) {
  local_datetime out;
  make_local_datetime(year, month, day, hour, minute, second, 0, out);
  return out;
}

inline event article_event(event_type type, int64_t article,
                           local_datetime created_at, int64_t id,
                           std::string title = "title", int64_t board = 1) {
  event ev;
  ev.type = type;
  ev.id = event_id{id};
  ev.article = article_id{article};
  ev.created_at = created_at;
  ev.title = std::move(title);
  ev.board = board_id{board};
  return ev;
}

inline event count_event(event_type type, int64_t article, int64_t count,
                         int64_t id) {
  event ev;
  ev.type = type;
  ev.id = event_id{id};
  ev.article = article_id{article};
  ev.count = count;
  return ev;
}

} // namespace hot::test
