// What the Kafka source does as partitions come and go: queues and actors
// per partition, start offsets, drains and commits.
#pragma once

#include <vector>

#include <librdkafka/rdkafka.h>

#include "kafka/source_state.hpp"

namespace hot::assignment {

using source_ptr = kafka_source_actor::stateful_pointer<kafka_source_state>;

/// librdkafka's callbacks, with the source as their opaque. They run
/// inside rd_kafka_consumer_poll, on the source's own thread.
void rebalance_cb(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                  rd_kafka_topic_partition_list_t* parts, void* opaque);
void commit_cb(rd_kafka_t* rk, rd_kafka_resp_err_t err,
               rd_kafka_topic_partition_list_t* offsets, void* opaque);
void error_cb(rd_kafka_t* rk, int err, const char* reason, void* opaque);

/// Commits `frontiers` where they move past what is already committed;
/// async commits report through commit_cb.
void commit(source_ptr self, const std::vector<partition_ref>& refs,
            const std::vector<int64_t>& frontiers, bool async);

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

commit_split split_commit(source_ptr self,
                          const std::vector<partition_ref>& refs,
                          const std::vector<int64_t>& frontiers);

} // namespace hot::assignment
