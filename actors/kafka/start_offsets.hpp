// Where a newly assigned partition starts reading.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <librdkafka/rdkafka.h>

#include "messages/pipeline_messages.hpp"
#include "messages/snowflake.hpp"

namespace hot {

/// How a partition's committed offset and the oldest open day combine.
enum class start_rule {
  /// The earlier of the two: the open days' state lives in memory only and
  /// is rebuilt by reading them again (a ranking task's partition).
  rebuild_open_days,
  /// The committed offset when there is one: nothing is kept in memory (a
  /// source partition, whose copies are in the internal topic).
  resume_committed,
};

struct start_offset {
  partition_ref partition;
  int64_t committed = RD_KAFKA_OFFSET_INVALID;
  int64_t day_start = RD_KAFKA_OFFSET_INVALID; // first offset at replay_from
  int64_t start = RD_KAFKA_OFFSET_INVALID;
  /// Where the partition ended when asked (its high watermark): a
  /// rebuilt task's replay runs up to here. -1 when unknown.
  int64_t end = -1;
};

/// An offset as logs show it: the number, "none", or "log start".
std::string offset_text(int64_t offset);

/// Sets every partition of `parts` to start at the earlier of its committed
/// offset (effects up to there are stored) and its first message published
/// at or after `replay_from` (the start of the oldest open day, whose state
/// lives in memory only and must be rebuilt). A group without committed
/// offsets therefore starts at the oldest open day, never at "latest".
/// Logical offsets are resolved to real ones so progress is measurable.
///
/// A broker may ignore the timestamp and answer "nothing since then" (-1).
/// For a source partition the last message tells whether that is true, and
/// if not the offset is found by reading (`client_properties` make that
/// reader): its stamps follow the producers' clocks. An internal
/// partition's stamps follow no order, so it is read from its log start.
/// Failed lookups fall back to the committed offset, else the beginning.
std::vector<start_offset> choose_start_offsets(
  rd_kafka_t* consumer, rd_kafka_topic_partition_list_t* parts,
  instant replay_from, std::chrono::milliseconds timeout,
  const std::map<std::string, std::string>& client_properties,
  start_rule rule = start_rule::rebuild_open_days);

} // namespace hot
