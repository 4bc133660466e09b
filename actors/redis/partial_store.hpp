// The Redis side of partitioned ranking: per-partition partial lists, the
// served list merged from them in one script, and epoch fencing of owners.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <caf/expected.hpp>

#include "actors/redis/redis_connection.hpp"
#include "messages/day_key.hpp"
#include "messages/pipeline_messages.hpp"

namespace hot {

/// `hot-article::partial::{yyyyMMdd}::{p}`: ZSET, member = decimal article
/// id, score = score; the best articles of the day that partition p counted.
std::string partial_key(day_key day, int32_t partition);

/// `hot-article::partial-meta::{yyyyMMdd}::{p}`: HASH article id -> JSON
/// {"title","createdAt","titleVersion"} for every article of the partial.
std::string partial_meta_key(day_key day, int32_t partition);

/// `hot-article::epoch::{p}`: STRING, the decimal epoch of the partition's
/// current owner. Partial writes carrying an older epoch are refused.
std::string epoch_key(int32_t partition);

/// `hot-article::sealed-partitions`: HASH partition -> the last yyyyMMdd
/// that partition has sealed. `sealed_through_key` follows their minimum.
extern const char* const sealed_partitions_key;

/// The shape every partial command is built for. All instances must agree
/// on it: the merge reads the partials of partitions 0..partition_count-1.
struct partial_layout {
  int32_t partition_count = 12;
  uint32_t list_size = 10;
  uint32_t reserve_size = 10;
};

/// What a fenced command did: applied with the carried epoch, or refused
/// because Redis holds the newer `epoch` of another owner.
struct fence_outcome {
  bool applied = false;
  uint64_t epoch = 0;
};

/// Ownership of a partition as a claim leaves it.
struct claim_reply {
  /// The new owner's epoch; to be carried by all its partial commands.
  uint64_t epoch = 0;
  /// The last day this partition has sealed, if any.
  std::optional<day_key> partition_sealed;
  /// The last day sealed by every partition, if any.
  std::optional<day_key> sealed_through;
};

/// Takes ownership of a partition: the stored epoch becomes
/// max(stored + 1, now_ms), so it grows even when Redis lost the key and
/// the clock is the only memory left. One atomic script run, refused
/// when Redis runs it after `deadline_ms` by its own clock.
redis_command claim_command(int32_t partition, int64_t now_ms,
                            int64_t deadline_ms);

/// States an owner's epoch without writing a list: raises the stored
/// epoch to `epoch` (positive) unless it is newer, which refuses it, and
/// marks `tracked_since` (unless 0) where no first day is stored.
/// Answered as a write (`parse_fenced`).
redis_command fence_command(int32_t partition, uint64_t epoch,
                            day_key tracked_since = {});

/// Parses the reply of `claim_command`; an error reply becomes its error.
caf::expected<claim_reply> parse_claim(const redisReply& reply);

/// Replaces partition's partial of `day` (and its meta) with `entries`,
/// expiring after `ttl` (positive), then recomputes the served list, its
/// reserve and meta from all partials of the day. Empty `entries` remove
/// the partition's articles. Fenced by `epoch`.
redis_command partial_write_command(const partial_layout& layout, day_key day,
                                    int32_t partition, uint64_t epoch,
                                    const std::vector<ranked_article>& entries,
                                    std::chrono::seconds ttl);

/// Removes an article from partition's partial of `edit.day`, or updates its
/// title when `edit.title_version` is newer, then recomputes the served
/// lists if the partial changed. They keep the partial's remaining time to
/// live, or get `ttl_if_unknown` when it has none. Fenced by `epoch`.
redis_command partial_edit_command(const partial_layout& layout,
                                   const sealed_edit& edit, int32_t partition,
                                   uint64_t epoch,
                                   std::chrono::seconds ttl_if_unknown);

/// Records that partition has sealed `day` (never moving it back), and
/// moves `sealed_through_key` forward to the earliest day every partition
/// of the layout has sealed. Fenced by `epoch`.
redis_command partial_seal_command(const partial_layout& layout, day_key day,
                                   int32_t partition, uint64_t epoch);

/// Parses the reply of a write, edit or seal command; an error reply
/// (e.g. a partition outside the layout) becomes its error.
caf::expected<fence_outcome> parse_fenced(const redisReply& reply);

} // namespace hot
