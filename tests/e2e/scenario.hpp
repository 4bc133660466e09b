// Hand-made scenarios: events created "now" in the daemon's zone, as
// "key:value" lines for kcat.
#pragma once

#include <string>

#include "messages/day_calendar.hpp"
#include "messages/event_encoder.hpp"
#include "tests/support/event_builders.hpp"

namespace hot::test {

/// Events of a hand-made scenario, created "now" in Seoul.
struct scenario {
  const day_calendar& calendar;
  instant now = now_instant();
  uint32_t seq = 0;

  int64_t id() {
    return snowflake_id(now, ++seq);
  }

  // "key:value" for kcat, keyed like the reference (id % 4).
  std::string line(const event& ev, date_style dates = date_style::iso) {
    auto key = is_article_event(ev.type) ? ev.board.value() % 4
                                         : ev.article.value() % 4;
    return std::to_string(key) + ":" + encode_event(ev, dates);
  }

  event article(event_type type, int64_t article, const std::string& title) {
    return article_event(type, article, calendar.local_at(now), id(), title, 1);
  }

  event count(event_type type, int64_t article, int64_t value) {
    auto ev = count_event(type, article, value, id());
    ev.created_at = calendar.local_at(now);
    return ev;
  }
};

} // namespace hot::test
