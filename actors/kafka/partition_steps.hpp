// The partition actor's steps, one file per role: what the actor in
// partition.cpp calls on its source role (copies and watermarks), its
// internal role (watermark records, replays) and its figures. Parts of the
// actor, run on its thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <caf/all.hpp>

#include "actors/kafka/partition.hpp"

namespace hot {

using partition_ptr = partition_actor::stateful_pointer<partition_state>;

/// `topic/partition`, for logs.
std::string name_of(const partition_state& st);

/// Pulls again soon, unless a pull is queued or the partition drains.
void schedule_poll(partition_ptr self);

// The source role.

/// The pull's copies are in the producer's hands: one tracker part for
/// them, its credits back with their delivery reports. A `failure` to
/// produce stops the partition.
void close_copies(partition_ptr self, int64_t last_offset,
                  const caf::error& failure);

/// A compacting partition copies the pull's surviving events.
caf::error copy_held(partition_state& st, caf::error failure);

/// Every `kafka.watermark-interval`: the stream time that acknowledged
/// copies cover, to every internal partition.
void send_watermarks(partition_ptr self);

// The internal role.

/// What may be committed: while the task replays, only what is committed
/// already.
int64_t committable(const partition_state& st);

/// Tells the directory once the replay reached its end offset.
void check_replayed(partition_ptr self);

/// Reads one watermark record into `marks`, the pull's newest per source.
void read_watermark(partition_ptr self, std::string_view value,
                    std::map<partition_ref, instant>& marks);

/// The slowest source's watermark read so far, or `instant::min()` while a
/// source has sent none.
instant task_stream_time(const partition_state& st);

/// Appends `ev`, and the stream time where it moved since the batch's last
/// event.
void add_to_batch(event_batch& batch, published_event ev, instant task_time);

// Both.

actor_stats partition_report(partition_ptr self);

} // namespace hot
