// A day's exact board lists, merged from every shard's board tops when
// they are written.
#pragma once

#include <cstdint>
#include <set>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "messages/pipeline_messages.hpp"

namespace hot {

/// Per board what `day_list` is for the day: each article lives in one
/// shard, so a board's best are the best of every shard's best of that
/// board. Nothing of a board's articles is kept here between writes: the
/// shards name the boards that changed, the day's ranking asks every shard
/// for those boards' tops when it writes them, and merges them here. What
/// is kept per board is a fingerprint of the list last given out, so that
/// only boards whose list or live count changed are written.
class board_lists {
public:
  explicit board_lists(uint32_t list_size);

  /// A shard changed these boards.
  void changed(const std::vector<board_id>& boards);

  bool has_changes() const {
    return !changed_.empty();
  }

  /// At most `limit` of the boards changed since they were last taken.
  std::vector<board_id> take_changed(size_t limit);

  /// Merges every shard's tops of the `asked` boards; returns those whose
  /// list or live count differs from what was last returned, or that were
  /// never returned, and remembers them as given out.
  std::vector<board_snapshot>
  merge(const std::vector<board_id>& asked,
        std::vector<std::vector<board_top>> answers);

  /// Their write failed: they are changed again, whatever they hold.
  void retry(const std::vector<board_id>& boards);

  /// Redis lost what was written: every board given out so far is changed.
  void rewrite_all();

  /// Boards given out so far.
  size_t size() const {
    return given_.size();
  }

  /// The final list, reserve and live count of every board any shard
  /// tracked, from every shard's final board tops.
  static std::vector<board_snapshot> finalize(std::vector<shard_final>& finals,
                                              uint32_t list_size,
                                              uint32_t reserve_size);

private:
  uint32_t list_size_;
  absl::flat_hash_map<board_id, uint64_t, std::hash<board_id>> given_;
  std::set<board_id> changed_;
};

} // namespace hot
