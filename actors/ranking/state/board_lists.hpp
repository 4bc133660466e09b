// A day's exact board lists, merged from every shard's board tops.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "actors/ranking/state/day_list.hpp"
#include "messages/pipeline_messages.hpp"

namespace hot {

/// Per board what `day_list` is for the day: each article lives in one
/// shard, so a board's best are the best of every shard's best of that
/// board. Remembers which boards changed since they were last taken, so
/// only those are written.
class board_lists {
public:
  explicit board_lists(uint32_t list_size);

  /// Replaces one shard's contribution to a board; true when the board's
  /// merged list or live count changed.
  bool update(board_top top);

  /// The boards changed since the last call, as written.
  std::vector<board_snapshot> take_changed();

  /// Marks boards changed again (their write failed).
  void mark_changed(const std::vector<board_snapshot>& boards);

  size_t size() const {
    return boards_.size();
  }

  /// The final list, reserve and live count of every board any shard
  /// tracked, from every shard's final board tops.
  static std::vector<board_snapshot> finalize(std::vector<shard_final>& finals,
                                              uint32_t list_size,
                                              uint32_t reserve_size);

private:
  struct board {
    day_list list;
    std::map<uint32_t, uint32_t> live_by_shard;
    uint32_t live = 0;
  };

  uint32_t list_size_;
  std::map<board_id, board> boards_;
  std::set<board_id> changed_;
};

} // namespace hot
