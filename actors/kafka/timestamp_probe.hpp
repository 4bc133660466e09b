// Finds offsets by timestamp by reading messages, for brokers that ignore
// timestamps in ListOffsets (librdkafka's mock cluster answers -1).
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <caf/expected.hpp>

#include "actors/kafka/kafka_handles.hpp"
#include "messages/pipeline_messages.hpp"
#include "messages/snowflake.hpp"

namespace hot {

/// A consumer that never joins its group: it assigns partitions at chosen
/// offsets and reads one message from each, nothing else.
class timestamp_probe {
public:
  /// Offsets [low, high) of one partition to search.
  struct range {
    partition_ref partition;
    int64_t low = 0;
    int64_t high = 0;
  };

  /// `properties`: the pipeline's client properties (brokers, security).
  static caf::expected<timestamp_probe>
  open(std::map<std::string, std::string> properties);

  /// For each partition, the offset and Kafka timestamp of the first
  /// message at or after the given offset; partitions that yield nothing
  /// within `timeout` are missing from the result.
  std::map<partition_ref, std::pair<int64_t, instant>>
  read(const std::map<partition_ref, int64_t>& offsets,
       std::chrono::milliseconds timeout);

  /// For each range, the first offset whose message is stamped at or after
  /// `at` (`high` when none), by binary search in rounds that probe every
  /// partition at once. Partitions that cannot be read are left out.
  std::map<partition_ref, int64_t>
  first_at_or_after(const std::vector<range>& ranges, instant at,
                    std::chrono::milliseconds timeout);

private:
  explicit timestamp_probe(kafka_client consumer)
    : consumer_(std::move(consumer)) {
  }

  kafka_client consumer_;
};

} // namespace hot
