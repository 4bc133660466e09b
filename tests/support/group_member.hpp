// A plain librdkafka consumer that joins a group to take partitions away.
#pragma once

#include <atomic>
#include <map>
#include <string>
#include <thread>

#include "actors/kafka/kafka_handles.hpp"

namespace hot::test {

/// Subscribes to the four topics in `group` and polls on its own thread,
/// taking part in rebalances (eager or cooperative) but never committing,
/// so whatever it reads is read again by whoever gets the partitions next.
class group_member {
public:
  group_member(const std::string& bootstraps, const std::string& group,
               std::map<std::string, std::string> extra = {});
  ~group_member();

  int assigned() const {
    return assigned_;
  }

  /// Leaves the group (close), which hands its partitions back.
  void leave();

private:
  static void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                           rd_kafka_topic_partition_list_t* parts,
                           void* opaque);

  kafka_client consumer_;
  std::atomic<int> assigned_{0};
  std::atomic<bool> stop_{false};
  std::thread poller_;
};

} // namespace hot::test
