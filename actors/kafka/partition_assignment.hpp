// The partitions the group gave this instance: each one's queue, actor and
// committed offset, from assignment through drain and commit to release.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/kafka/fetch_health.hpp"
#include "actors/kafka/kafka_consumer.hpp"
#include "actors/kafka/kafka_source_setup.hpp"
#include "actors/kafka/start_offsets.hpp"
#include "messages/interfaces.hpp"

namespace hot {

/// Owned by the Kafka source and called from librdkafka's callbacks, on
/// the source's thread. An assigned source partition resumes at its
/// committed offset (the start of the oldest open day when none); an
/// internal partition first gets its ranking task, then starts early
/// enough to rebuild the task's open days. A revoked partition drains,
/// its offsets are committed once stored, and its actor stops.
class partition_assignment {
public:
  using owner_ptr = kafka_source_actor::base*;

  /// librdkafka calls back with a raw pointer; it stays valid until the
  /// partition's queue is destroyed.
  struct wakeup_target {
    partition_actor actor;
  };

  struct assigned_partition {
    partition_actor actor;
    kafka_queue queue;
    std::unique_ptr<wakeup_target> wakeup;
    int64_t committed = -1;
    /// A partition of the internal topic: its offsets are committed only
    /// after its ranking task stored what it applied.
    bool internal = false;
  };

  /// Offsets to commit, by kind of partition.
  struct commit_split {
    struct part {
      std::vector<partition_ref> refs;
      std::vector<int64_t> frontiers;
    };
    part sources;
    part internal;
    std::vector<int32_t> internal_partitions;
  };

  partition_assignment(owner_ptr owner, const kafka_source_setup& setup,
                       kafka_consumer& consumer,
                       std::map<std::string, std::string> client_properties);

  /// Stops every partition actor and waits for it: they must be gone
  /// before their queues, and the queues before the consumer.
  ~partition_assignment();

  partition_assignment(const partition_assignment&) = delete;
  partition_assignment& operator=(const partition_assignment&) = delete;

  /// The group's answer to a rebalance: assign or revoke `parts`.
  void rebalance(rd_kafka_resp_err_t err,
                 rd_kafka_topic_partition_list_t* parts);

  /// Whether each partition's fetches still come back.
  fetch_health& fetches() {
    return *fetches_;
  }

  /// A ranking task of this instance was fenced by a newer claim while
  /// the group still assigns it the internal `partition`: the task starts
  /// afresh, as on assignment (a new claim, then a replay from the start
  /// of its open days). Does nothing for a partition no longer assigned.
  void reclaim(int32_t partition);

  /// Commits `frontiers` where they move past what is already committed;
  /// an async commit reports through `committed`.
  void commit(const std::vector<partition_ref>& refs,
              const std::vector<int64_t>& frontiers, bool async);

  /// The result of an async commit.
  void committed(rd_kafka_resp_err_t err,
                 const rd_kafka_topic_partition_list_t& offsets);

  commit_split split_commit(const std::vector<partition_ref>& refs,
                            const std::vector<int64_t>& frontiers) const;

  const std::map<partition_ref, assigned_partition>& partitions() const {
    return partitions_;
  }

  uint64_t commits() const {
    return commits_;
  }

  uint64_t commit_failures() const {
    return commit_failures_;
  }

private:
  void assign(rd_kafka_topic_partition_list_t* parts);
  void revoke(rd_kafka_topic_partition_list_t* parts);
  void assign_sources(rd_kafka_topic_partition_list_t* parts);
  /// `seek`: the partitions are assigned already; move their fetch
  /// positions to the chosen offsets.
  bool assign_internal(const std::vector<rd_kafka_topic_partition_t*>& parts,
                       bool seek = false);
  void start_partition(const start_offset& s, partition_setup ps,
                       bool internal);
  /// Stops the partition's actor, without commit; its queue goes.
  void stop_partition(std::map<partition_ref, assigned_partition>::iterator it);
  std::vector<partition_ref> source_partitions();
  void notify_committed(const rd_kafka_topic_partition_list_t& offsets);

  owner_ptr owner_;
  /// Kept apart from the owner: the destructor may run while the owner is
  /// torn down.
  caf::actor_system& system_;
  const kafka_source_setup& setup_;
  kafka_consumer& consumer_;
  std::shared_ptr<fetch_health> fetches_;
  std::map<std::string, std::string> client_properties_;
  /// Every partition of the source topics: each one's watermark must reach
  /// a ranking task before the task may seal a day.
  std::vector<partition_ref> sources_;
  std::map<partition_ref, assigned_partition> partitions_;
  uint64_t commits_ = 0;
  uint64_t commit_failures_ = 0;
};

} // namespace hot
