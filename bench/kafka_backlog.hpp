// What a consumer group has left to do on the mock cluster, read from the
// cluster itself: fresher than the daemon's /metrics, which are collected
// once a second.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "actors/kafka/kafka_handles.hpp"

namespace hot::bench {

/// The partitions of one topic.
struct topic_partitions {
  std::string topic;
  int32_t partitions = 0;
};

/// Where a group stands on one partition.
struct partition_position {
  std::string name; // "topic/partition"
  /// The group's committed offset, 0 when it has none.
  int64_t committed = 0;
  /// The first offset the log still holds, and the next one written.
  int64_t low = 0;
  int64_t high = 0;

  int64_t uncommitted() const {
    return high > committed ? high - committed : 0;
  }
};

class kafka_backlog {
public:
  /// Watches `group`'s committed offsets on `topics`.
  kafka_backlog(const std::string& bootstraps, const std::string& group,
                std::vector<topic_partitions> topics);
  ~kafka_backlog();

  kafka_backlog(const kafka_backlog&) = delete;
  kafka_backlog& operator=(const kafka_backlog&) = delete;

  /// Messages written but not yet committed by the group, over every
  /// partition. The daemon commits a source offset once its copy is
  /// acknowledged and an internal one once its effects are stored, so this
  /// is what the daemon has yet to apply, as of its last commit.
  int64_t uncommitted();

  /// Every watched partition, read now.
  std::vector<partition_position> positions();

  /// The partitions `uncommitted` counts, as "topic/partition committed/end".
  std::vector<std::string> behind();

  /// Messages written to each topic.
  std::map<std::string, int64_t> written();

  /// Partitions whose log no longer starts at offset 0: the mock dropped
  /// their oldest batches (it keeps 5 MiB per partition).
  std::vector<std::string> trimmed();

private:
  struct watermarks {
    int64_t low = 0;
    int64_t high = 0;
  };
  watermarks query(const std::string& topic, int32_t partition);

  kafka_client client_;
  std::vector<topic_partitions> topics_;
};

/// `trimmed` for a client of its own, without a group.
std::vector<std::string>
trimmed_partitions(const std::string& bootstraps,
                   std::vector<topic_partitions> topics);

} // namespace hot::bench
