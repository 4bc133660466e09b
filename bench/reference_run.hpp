// The reference service's per-event algorithm, re-implemented faithfully:
// one Spring listener, one synchronous Redis connection, a JSON DOM per
// event and six round trips per counted event.
#pragma once

#include <cstdint>
#include <vector>

#include "actors/redis/redis_connection.hpp"
#include "messages/day_calendar.hpp"
#include "sim/memory_feed.hpp"

namespace hot::bench {

struct reference_figures {
  double seconds = 0;
  uint64_t events = 0;
  uint64_t round_trips = 0;

  double events_per_s() const {
    return seconds > 0 ? static_cast<double>(events) / seconds : 0;
  }
};

/// Handles `events` in order as the reference's HotArticleService does:
/// - ARTICLE_CREATED: SET created-time (TTL to midnight);
/// - ARTICLE_DELETED: ZREM from the day's list, DEL created-time;
/// - a like/comment/view: GET created-time; skip unless created today;
///   SET the count (TTL to midnight); GET the three counts; then ZADD,
///   ZREMRANGEBYRANK 0 -11 and EXPIRE in one pipelined round trip;
/// - anything else is parsed and ignored.
reference_figures
run_reference(const std::vector<const stored_message*>& events,
              redis_connection& redis, const day_calendar& calendar);

} // namespace hot::bench
