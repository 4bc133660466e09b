// A deliberately simple model of the ranking rules, to check the pipeline.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "actors/ranking/ranking_settings.hpp"
#include "messages/day_calendar.hpp"
#include "tests/support/adversarial_stream.hpp"

namespace hot::test {

struct oracle_entry {
  int64_t id = 0;
  int64_t score = 0;
  std::string title;
  int64_t title_version = 0;

  friend bool operator==(const oracle_entry& a, const oracle_entry& b) {
    return a.id == b.id && a.score == b.score && a.title == b.title;
  }
};

struct oracle_day {
  std::vector<oracle_entry> list;
  std::vector<oracle_entry> reserve;
};

std::string to_string(const std::vector<oracle_entry>& entries);

/// No state machine, no order: collects every message, then for each
/// article takes, per count kind, the newest event (by eventId) that
/// happened before its day ended and was published before the day's seal,
/// and ranks every created, undeleted article with a positive score.
std::map<day_key, oracle_day>
rank_open_days(const partitioned_stream& stream, const day_calendar& calendar,
               const score_weights& weights, size_t list_size,
               size_t reserve_size);

/// The same, with the weights and sizes a pipeline runs with.
inline std::map<day_key, oracle_day>
rank_open_days(const partitioned_stream& stream, const day_calendar& calendar,
               const ranking_settings& ranking) {
  return rank_open_days(stream, calendar, ranking.weights, ranking.list_size,
                        ranking.reserve_size);
}

/// A board's day: (day, board id).
using board_day = std::pair<day_key, int64_t>;

/// Every board's lists of every day, and its count of live articles.
struct oracle_boards {
  std::map<board_day, oracle_day> lists;
  std::map<board_day, int64_t> live;
};

/// The same rules per board: an article belongs to the board of its newest
/// article event (by eventId), the way its title does.
oracle_boards rank_open_boards(const partitioned_stream& stream,
                               const day_calendar& calendar,
                               const score_weights& weights, size_t list_size,
                               size_t reserve_size);

inline oracle_boards rank_open_boards(const partitioned_stream& stream,
                                      const day_calendar& calendar,
                                      const ranking_settings& ranking) {
  return rank_open_boards(stream, calendar, ranking.weights, ranking.list_size,
                          ranking.reserve_size);
}

/// Per day, how many deletes of its articles were published at or after its
/// seal instant (see `reserve_check::prefix`).
std::map<day_key, size_t> late_deletes(const partitioned_stream& stream,
                                       const day_calendar& calendar);

/// Applies traffic published after the seal: deleted articles leave the
/// list and reserve (the list refills from the rest), newer titles replace
/// older ones; everything else is late.
void apply_after_seal(std::map<day_key, oracle_day>& days,
                      const partitioned_stream& stream, size_t list_size);

/// The same for every board's lists. A newer update after the seal that
/// names another board takes the article out of the list that holds it,
/// as a delete does; the other board's sealed list does not take it in.
void apply_after_seal(oracle_boards& boards, const partitioned_stream& stream,
                      size_t list_size);

} // namespace hot::test
