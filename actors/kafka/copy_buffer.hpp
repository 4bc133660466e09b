// One pull's valid events held back until the pull ends, so that only
// those the compaction rule keeps are copied.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "actors/kafka/copy_compaction.hpp"

namespace hot {

class copy_buffer {
public:
  /// Holds `value` (the message as it arrived) until `flush`.
  void add(const event& ev, std::string_view value, instant published);

  bool empty() const {
    return candidates_.empty();
  }

  /// Calls `send(article, value, published)` for every event the rule
  /// keeps, in offset order, then empties the buffer; returns how many it
  /// left out.
  template <class Send>
  size_t flush(const day_calendar& calendar, Send&& send) {
    auto kept = surviving_copies(candidates_, calendar);
    for (const auto& k : kept) {
      auto [from, size] = spans_[k.index];
      send(candidates_[k.index].article,
           std::string_view{bytes_}.substr(from, size), k.published);
    }
    auto left_out = candidates_.size() - kept.size();
    clear();
    return left_out;
  }

  void clear();

private:
  std::vector<copy_candidate> candidates_;
  /// Every held value back to back, and where each one lies.
  std::string bytes_;
  std::vector<std::pair<size_t, size_t>> spans_;
};

} // namespace hot
