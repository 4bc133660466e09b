// The admin interface's collections as tables: actors, partitions, shards,
// rankings, top actors, active boards.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "app/console/text_line.hpp"
#include "app/console/text_width.hpp"
#include "app/console/zone_time.hpp"

namespace hot::console {

/// /admin/v1/actors: name, kind, mailbox, messages per second, busy share.
text_lines actors_text(const nlohmann::json& doc, size_t width = unlimited);

/// /admin/v1/partitions.
text_lines partitions_text(const nlohmann::json& doc, size_t width = unlimited);

/// /admin/v1/shards.
text_lines shards_text(const nlohmann::json& doc, size_t width = unlimited);

/// /admin/v1/rankings: each open day with its top list and last flush
/// (ages relative to `now_ms`, epoch milliseconds; times in the answer's
/// zone).
text_lines rankings_text(const nlohmann::json& doc, int64_t now_ms,
                         size_t width = unlimited);

/// /admin/v1/top.
text_lines top_text(const nlohmann::json& doc, size_t width = unlimited);

/// /admin/v1/boards/{day}: each board's article count and best article.
text_lines boards_text(const nlohmann::json& doc, size_t width = unlimited);

/// The tables the overview shares with the commands; each takes the array
/// of its route, and times show in `zone`.
text_lines partition_table(const nlohmann::json& partitions,
                           const shown_zone& zone, size_t width);
text_lines shard_table(const nlohmann::json& shards, size_t width);
text_lines ranking_lines(const nlohmann::json& rankings, int64_t now_ms,
                         const shown_zone& zone, size_t width);
text_lines actor_table(const nlohmann::json& actors, size_t width);

/// The Redis writer's figures, a few words each, for `flow`.
std::vector<std::string> redis_items(const nlohmann::json& redis);

/// "owned internal partitions (epoch):", "p0 (...)", "p3 (..., FENCED)".
std::vector<std::string> owned_partition_items(const nlohmann::json& redis);

} // namespace hot::console
