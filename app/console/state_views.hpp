// State dumps on demand: one actor, one article, one day, the Redis writer.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "app/console/text_line.hpp"
#include "app/console/text_width.hpp"

namespace hot::console {

/// /admin/v1/actors/{name}: the summary, every figure (counters with their
/// rate, instants as times in the ranking zone with their age relative to
/// `now_ms`), and the kind-specific detail flattened to "key: value".
text_lines actor_text(const nlohmann::json& doc, int64_t now_ms,
                      size_t width = unlimited);

/// /admin/v1/articles/{id}: the article's state in its shard.
text_lines article_text(const nlohmann::json& doc, size_t width = unlimited);

/// /admin/v1/days/{day}: the day's ranking, best first.
text_lines day_text(const nlohmann::json& doc, size_t width = unlimited);

/// /admin/v1/redis.
text_lines redis_text(const nlohmann::json& doc, size_t width = unlimited);

} // namespace hot::console
