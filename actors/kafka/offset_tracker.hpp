// A partition's batches in flight and the offset up to which all are applied.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>

namespace hot {

/// Batches leave a partition in offset order but come back from the shards
/// in any order; the commit frontier only moves over a prefix of batches
/// whose every part has been applied.
class offset_tracker {
public:
  /// `start`: the offset consumption starts at, or -1 when not known yet.
  explicit offset_tracker(int64_t start = -1) : frontier_(start) {
  }

  /// Registers a batch covering offsets up to `end` (exclusive), sent as
  /// `parts` sub-batches holding `events` events. Returns its sequence
  /// number. A batch of no parts is complete at once.
  uint64_t open(int64_t end, uint32_t parts, uint32_t events);

  /// One part of batch `seq`, holding `events` events, has been applied.
  void complete(uint64_t seq, uint32_t events);

  /// The next offset to commit: every event before it has been applied.
  /// -1 while nothing is known.
  int64_t frontier() const {
    return frontier_;
  }

  uint32_t events_in_flight() const {
    return events_in_flight_;
  }

  size_t batches_in_flight() const {
    return batches_.size();
  }

private:
  struct batch {
    uint64_t seq;
    int64_t end;
    uint32_t parts_left;
  };

  void advance();

  std::deque<batch> batches_;
  uint64_t next_seq_ = 1;
  int64_t frontier_;
  uint32_t events_in_flight_ = 0;
};

} // namespace hot
