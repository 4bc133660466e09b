// The pipeline's stream time: how far every assigned partition has come.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "messages/pipeline_messages.hpp"
#include "messages/snowflake.hpp"

namespace hot {

/// Each partition reports the newest Kafka timestamp it has handed to the
/// shards (or, once caught up, the wall clock minus a grace). The stream
/// time is the minimum over partitions: every event published before it has
/// reached the shards, so a day whose seal instant it passes can be sealed.
///
/// A partition released in a rebalance keeps holding the stream time at
/// its last progress: whoever reads it meanwhile does not feed these
/// shards, so its later events have not arrived here. When it comes back
/// it re-reads from its last commit and moves the time on again.
class stream_clock {
public:
  /// A partition that has not seen anything yet reports `instant::min()`,
  /// holding the stream time back until it has.
  void report(const partition_ref& partition, instant progress);

  /// The partition is no longer read here; its progress stays.
  void release(const partition_ref& partition);

  /// Nothing while no partition was ever assigned.
  std::optional<instant> now() const;

  /// Partitions read here now.
  size_t assigned() const;

  /// Released partitions that hold the stream time back.
  std::vector<partition_ref> held_by_released() const;

private:
  struct progress {
    instant at;
    bool assigned = true;
  };
  std::map<partition_ref, progress> progress_;
};

} // namespace hot
