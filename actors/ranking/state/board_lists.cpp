// A day's exact board lists, merged from every shard's board tops.
#include "actors/ranking/state/board_lists.hpp"

#include <algorithm>

namespace hot {

board_lists::board_lists(uint32_t list_size) : list_size_(list_size) {
}

bool board_lists::update(board_top top) {
  auto [it, inserted] = boards_.try_emplace(top.board,
                                            board{day_list{list_size_}, {}, 0});
  auto& b = it->second;
  auto live_before = b.live;
  b.live_by_shard[top.shard] = top.live;
  b.live = 0;
  for (const auto& [shard, live] : b.live_by_shard)
    b.live += live;
  auto id = top.board;
  bool changed
    = b.list.update(shard_top{top.shard, top.day, std::move(top.entries)})
      || b.live != live_before || inserted;
  if (changed)
    changed_.insert(id);
  return changed;
}

std::vector<board_snapshot> board_lists::take_changed() {
  std::vector<board_snapshot> out;
  for (auto id : changed_) {
    const auto& b = boards_.at(id);
    out.push_back(board_snapshot{id, b.list.top(), {}, b.live});
  }
  changed_.clear();
  return out;
}

void board_lists::mark_changed(const std::vector<board_snapshot>& boards) {
  for (const auto& b : boards)
    changed_.insert(b.board);
}

std::vector<board_snapshot>
board_lists::finalize(std::vector<shard_final>& finals, uint32_t list_size,
                      uint32_t reserve_size) {
  std::map<board_id, std::pair<std::vector<shard_top>, uint32_t>> by_board;
  for (auto& final : finals)
    for (auto& top : final.boards) {
      auto& [tops, live] = by_board[top.board];
      live += top.live;
      tops.push_back(shard_top{top.shard, top.day, std::move(top.entries)});
    }
  std::vector<board_snapshot> out;
  for (auto& [id, merged] : by_board) {
    auto ranked = best_of(std::move(merged.first), list_size + reserve_size);
    auto split = ranked.begin()
                 + static_cast<std::ptrdiff_t>(
                   std::min<size_t>(list_size, ranked.size()));
    board_snapshot snapshot{id, {}, {}, merged.second};
    snapshot.top.assign(ranked.begin(), split);
    snapshot.reserve.assign(split, ranked.end());
    out.push_back(std::move(snapshot));
  }
  return out;
}

} // namespace hot
