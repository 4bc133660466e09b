// Which shard owns an article.
#pragma once

#include <cstdint>
#include <functional>

#include "messages/ids.hpp"

namespace hot {

/// Every event of an article goes to the same shard, whatever its topic.
inline uint32_t shard_of(article_id article, uint32_t shard_count) {
  return static_cast<uint32_t>(std::hash<article_id>{}(article) % shard_count);
}

} // namespace hot
