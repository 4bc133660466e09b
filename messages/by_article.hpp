// The by-article hop: which internal partition owns an article, and the
// watermark records that carry each source partition's stream time across.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "messages/ids.hpp"
#include "messages/pipeline_messages.hpp"
#include "messages/snowflake.hpp"

namespace hot {

/// The key of an article's copies in the internal topic: its decimal id.
std::string by_article_key(article_id article);

/// The internal partition that owns `article`: Java's default partitioner
/// over the decimal key (`toPositive(murmur2(key)) % partitions`), as
/// librdkafka's murmur2 partitioner computes it, so a Java consumer of the
/// internal topic would agree on where each key lives. Every instance
/// computes the same answer, so each article's state lives in exactly one
/// partition. Snowflake ids share their low bits, which is why
/// this hashes rather than taking the id modulo the count.
int32_t by_article_partition(article_id article, int32_t partitions);

/// The same, for a key already made by `by_article_key`.
int32_t by_article_partition(std::string_view key, int32_t partitions);

/// Key of a watermark record. Event copies are keyed by a decimal id, so
/// the two can never be confused.
inline constexpr std::string_view watermark_key = "hot-articles.watermark";

/// "Every message of `source` stamped before `stream_time` that belongs to
/// this partition precedes this record." Sent by the owner of a source
/// partition to every internal partition, after the copies it covers.
struct source_watermark {
  partition_ref source;
  instant stream_time;
};

/// Value of a watermark record: "<epoch ms> <partition> <topic>" (Kafka
/// topic names hold no spaces).
std::string encode_watermark(const source_watermark& mark);

/// None unless `value` is a well-formed watermark record's value.
std::optional<source_watermark> decode_watermark(std::string_view value);

} // namespace hot
