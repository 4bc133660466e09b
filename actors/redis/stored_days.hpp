// What the Redis writer has stored, per day: enough to write it all again
// when Redis comes back without it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>

#include "messages/pipeline_messages.hpp"

namespace hot {

/// Applies a delete or title update of a sealed day to its list the way
/// the edit script does in Redis (see `sealed_edit_command`): a delete
/// drops the article from the list and the reserve and refills the list
/// with the best of the reserve; a title update applies only when newer.
/// True when the snapshot changed.
bool apply_edit(list_snapshot& snapshot, const sealed_edit& edit,
                uint32_t list_size);

/// The same for one board's list; a newer title update naming another
/// board removes the article as a delete does.
bool apply_edit(board_snapshot& board, const sealed_edit& edit,
                uint32_t list_size);

/// The board lists to write for `edit`: the `pending` ones, and those of
/// `stored` (if any) that hold the article, each with the edit applied.
/// `changed` tells whether the edit changed any of them.
std::vector<board_snapshot>
edit_boards(const std::vector<board_snapshot>& pending,
            const std::vector<board_snapshot>* stored, const sealed_edit& edit,
            uint32_t list_size, bool& changed);

/// When a day's keys expire: `list_ttl` after the end of the UTC day that
/// follows it, measured on `clock`. The same instant for every partition
/// and instance whatever its zone (a day ends within that UTC day in
/// every zone), so a day's list, reserve and partials expire together,
/// whichever partition wrote last.
std::chrono::steady_clock::time_point
day_expiry(day_key day, std::chrono::milliseconds list_ttl,
           std::chrono::steady_clock::time_point now
           = std::chrono::steady_clock::now());

/// The last confirmed content of every day list this process wrote (and,
/// once the day is sealed, of every board list of the day: an open day's
/// ranking holds those), with the edits applied since, until the list's key
/// expires in Redis; and the last sealed-through marker it stored.
/// Bounded by the days within the list TTL, each holding at most its list and
/// reserve.
class stored_days {
public:
  using clock = std::chrono::steady_clock;

  struct day {
    list_snapshot snapshot;
    /// When Redis drops the keys (the write's TTL, measured here).
    clock::time_point expires_at;
  };

  /// A write of `snapshot` is confirmed; it replaces what the day had.
  void stored(list_snapshot snapshot, clock::time_point expires_at);

  /// The sealed-through marker is confirmed.
  void marker_stored(day_key marker);

  /// Forgets the days whose keys Redis has dropped by `now`.
  void expire(clock::time_point now);

  /// The day's stored list, if this process wrote it and it has not
  /// expired.
  const day* find(day_key key) const;

  const std::map<day_key, day>& days() const {
    return days_;
  }

  std::optional<day_key> marker() const {
    return marker_;
  }

private:
  std::map<day_key, day> days_;
  std::optional<day_key> marker_;
};

} // namespace hot
