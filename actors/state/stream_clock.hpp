// The pipeline's stream time: how far every assigned partition has come.
#pragma once

#include <map>
#include <optional>

#include "messages/pipeline_messages.hpp"
#include "messages/snowflake.hpp"

namespace hot {

/// Each partition reports the newest Kafka timestamp it has handed to the
/// shards (or, once caught up, the wall clock minus a grace). The stream
/// time is the minimum over partitions: every event published before it has
/// reached the shards, so a day whose seal instant it passes can be sealed.
class stream_clock {
public:
  /// A partition that has not seen anything yet reports `instant::min()`,
  /// holding the stream time back until it has.
  void report(const partition_ref& partition, instant progress);

  void forget(const partition_ref& partition);

  /// Nothing while no partition is assigned.
  std::optional<instant> now() const;

  size_t partitions() const {
    return progress_.size();
  }

private:
  std::map<partition_ref, instant> progress_;
};

} // namespace hot
