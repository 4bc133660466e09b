// Messages that flow along the pipeline.
#include "messages/pipeline_messages.hpp"

#include <algorithm>

namespace hot {

void merge_boards(std::vector<board_snapshot>& into,
                  std::vector<board_snapshot> newer) {
  for (auto& board : newer) {
    auto it = std::find_if(into.begin(), into.end(), [&](const auto& old) {
      return old.board == board.board;
    });
    if (it == into.end())
      into.push_back(std::move(board));
    else
      *it = std::move(board);
  }
}

} // namespace hot
