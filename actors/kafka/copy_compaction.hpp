// Which of one pull's events a source partition needs to copy: count events
// carry absolute counts, so an older one that a newer one of the same
// article, kind and day cuts supersedes can change nothing downstream.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "messages/day_calendar.hpp"
#include "messages/event.hpp"

namespace hot {

/// What the rule reads of one decoded event, in offset order.
struct copy_candidate {
  article_id article;
  event_type type = event_type::article_created;
  event_id id;
  /// The broker's stamp (or the event's own time when it has none).
  instant published;
};

/// One copy to send: the candidate's index, and the stamp it goes out with.
struct surviving_copy {
  size_t index = 0;
  instant published;
};

/// Keeps every event that is not a count, and of the counts only the one
/// with the highest event id per (article, kind, day of the event's time,
/// newest day sealed at its publish stamp); on equal ids the first in
/// offset order, as the ranking takes the first and finds the second
/// stale. Two counts with equal keys fall on the same side of both day
/// cuts the ranking applies (`beyond_day`: time at or past the end of the
/// article's day; `late`: published at or past its seal) whatever the
/// article's day is, so the merged one is judged as each of them would be.
/// A survivor carries the newest stamp of its group: as late as any of
/// them by the key, and a count waiting for its article waits as long as
/// the longest-waiting one would. Survivors keep their offset order.
std::vector<surviving_copy>
surviving_copies(const std::vector<copy_candidate>& candidates,
                 const day_calendar& calendar);

} // namespace hot
