// A day's exact list, merged from every shard's best articles.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "messages/pipeline_messages.hpp"

namespace hot {

/// Each article lives in exactly one shard, so the day's best `list_size`
/// are the best `list_size` of the union of every shard's best
/// `list_size`: exact whatever the scores do.
class day_list {
public:
  explicit day_list(uint32_t list_size);

  /// Replaces one shard's contribution; true when the merged list changed.
  bool update(shard_top top);

  const std::vector<ranked_article>& top() const {
    return merged_;
  }

  /// The final list and its reserve from every shard's final best
  /// `list_size + reserve_size`.
  static list_snapshot finalize(day_key day, std::vector<shard_top> finals,
                                uint32_t list_size, uint32_t reserve_size);

private:
  uint32_t list_size_;
  std::map<uint32_t, std::vector<ranked_article>> by_shard_;
  std::vector<ranked_article> merged_;
};

/// The best `n` of `candidates`, best first.
std::vector<ranked_article> best_of(std::vector<ranked_article> candidates,
                                    size_t n);

/// The best `n` of every shard's entries: the exact best `n` of the day
/// when each shard sent at least its own best `n`.
std::vector<ranked_article> best_of(std::vector<shard_top> tops, size_t n);

} // namespace hot
