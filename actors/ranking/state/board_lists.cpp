// A day's exact board lists, merged from every shard's board tops when
// they are written.
#include "actors/ranking/state/board_lists.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <string_view>
#include <tuple>

#include <absl/hash/hash.h>

#include "actors/ranking/state/day_list.hpp"

namespace hot {

namespace {

// What a reader sees of a board: its articles in order with their scores
// and titles (an article's createdAt never changes), and its live count.
uint64_t fingerprint(const board_snapshot& board) {
  using entry = std::tuple<int64_t, int64_t, std::string_view>;
  std::vector<entry> entries;
  entries.reserve(board.top.size());
  for (const auto& a : board.top)
    entries.emplace_back(a.id.value(), a.score, a.title);
  return absl::Hash<std::pair<uint32_t, std::vector<entry>>>{}(
    {board.live, entries});
}

// Each board's shard tops, and its live count summed over the shards.
using by_board
  = std::map<board_id, std::pair<std::vector<shard_top>, uint32_t>>;

void add_tops(by_board& boards, std::vector<board_top>& tops) {
  for (auto& top : tops) {
    auto& [entries, live] = boards[top.board];
    live += top.live;
    entries.push_back(shard_top{top.shard, top.day, std::move(top.entries)});
  }
}

} // namespace

board_lists::board_lists(uint32_t list_size) : list_size_(list_size) {
}

void board_lists::changed(const std::vector<board_id>& boards) {
  changed_.insert(boards.begin(), boards.end());
}

std::vector<board_id> board_lists::take_changed(size_t limit) {
  auto end = changed_.begin();
  std::advance(end, std::min(limit, changed_.size()));
  std::vector<board_id> out(changed_.begin(), end);
  changed_.erase(changed_.begin(), end);
  return out;
}

std::vector<board_snapshot>
board_lists::merge(const std::vector<board_id>& asked,
                   std::vector<std::vector<board_top>> answers) {
  // A board asked for that no shard tracks comes out empty.
  by_board boards;
  for (auto id : asked)
    boards[id];
  for (auto& answer : answers)
    add_tops(boards, answer);
  std::vector<board_snapshot> out;
  for (auto& [id, merged] : boards) {
    board_snapshot snapshot{
      id, best_of(std::move(merged.first), list_size_), {}, merged.second};
    auto print = fingerprint(snapshot);
    auto [it, inserted] = given_.try_emplace(id, print);
    if (!inserted && it->second == print)
      continue;
    it->second = print;
    out.push_back(std::move(snapshot));
  }
  return out;
}

void board_lists::retry(const std::vector<board_id>& boards) {
  for (auto id : boards) {
    given_.erase(id);
    changed_.insert(id);
  }
}

void board_lists::rewrite_all() {
  for (const auto& [id, print] : given_)
    changed_.insert(id);
  given_.clear();
}

std::vector<board_snapshot>
board_lists::finalize(std::vector<shard_final>& finals, uint32_t list_size,
                      uint32_t reserve_size) {
  by_board boards;
  for (auto& final : finals)
    add_tops(boards, final.boards);
  std::vector<board_snapshot> out;
  for (auto& [id, merged] : boards) {
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
