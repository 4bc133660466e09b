// The partition actor: pulls one assigned partition's queue.
#pragma once

#include <array>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/introspection/actor_meter.hpp"
#include "actors/kafka/copy_buffer.hpp"
#include "actors/kafka/kafka_settings.hpp"
#include "actors/kafka/message_feed.hpp"
#include "actors/kafka/offset_tracker.hpp"
#include "actors/kafka/rekey_sink.hpp"
#include "messages/event_decoder.hpp"
#include "messages/interfaces.hpp"

namespace hot {

/// A message that could not be decoded, as handed to the rejection sink
/// (for example a dead-letter producer).
struct rejected_message {
  partition_ref partition;
  int64_t offset = 0;
  std::string key;
  std::string value;
  caf::error reason;
};

using rejection_sink = std::function<void(const rejected_message&)>;

/// Where a partition actor starts and what it needs from its source. A
/// partition of a source topic has a `rekey` target: it validates its
/// events and copies them, keyed by article, to the internal topic. A
/// partition of the internal topic has none: it applies its events to the
/// shards of its ranking task and reports the watermarks it reads.
struct partition_setup {
  partition_ref partition;
  std::shared_ptr<message_feed> feed;
  int64_t start_offset = -1;
  int64_t committed_offset = -1;
  /// An internal partition: the end offset found at assignment. Its task
  /// publishes nothing until every event before it is applied.
  int64_t replay_end = -1;
  std::vector<shard_actor> shards;
  /// An internal partition: every source partition whose watermarks make
  /// up the task's stream time. Empty: those that sent one so far.
  std::vector<partition_ref> sources;
  directory_actor directory;
  std::optional<rekey_target> rekey;
  kafka_settings settings;
  rejection_sink on_rejected; // may be empty
};

struct partition_state {
  static inline const char* name = "partition";

  std::optional<partition_setup> setup;
  /// Set for a source partition: where its copies go.
  std::optional<rekey_sink> sink;
  /// Reads source JSON, and the JSON copies an internal topic may still
  /// hold from before records.
  event_decoder decoder;
  /// A source partition: the record of the event being copied.
  std::string record;
  offset_tracker tracker;
  int64_t next_offset = -1;
  int64_t high_watermark = -1;
  int64_t committed = -1;
  instant stream_time = instant::min();
  instant reported = instant::max();
  /// The stream time the clock gave this partition while it was caught up.
  instant clock_floor = instant::min();
  /// Messages stamped before `clock_floor`: the idle grace was too short.
  uint64_t behind_clock = 0;
  uint64_t behind_clock_logged = 0;
  instant next_behind_clock_warning = instant::min();
  bool paused = false;
  bool draining = false;
  /// An internal partition whose task has not caught up with `replay_end`.
  bool replaying = false;
  bool poll_scheduled = false;
  std::optional<caf::typed_response_promise<int64_t>> drain_promise;
  uint64_t consumed = 0;
  uint64_t bytes = 0;
  uint64_t kafka_errors = 0;
  uint64_t pauses = 0;
  std::array<uint64_t, decode_errc_count + 1> rejected{};
  uint32_t logged_this_tick = 0;
  uint64_t unlogged_rejections = 0;
  batch_outcome totals;
  /// A source partition: copies acknowledged, watermarks sent.
  uint64_t rekeyed = 0;
  /// A compacting source partition: the pull's events not yet copied, and
  /// the count events left out because a newer one supersedes them.
  copy_buffer held;
  uint64_t compacted = 0;
  uint64_t watermarks_sent = 0;
  instant next_watermark = instant::min();
  /// The stream time after each pull whose copies are still in flight,
  /// by the offset that ends it: a watermark states only what every
  /// acknowledged copy covers, so a copy that fails is never followed by
  /// a delivered watermark past it.
  std::deque<std::pair<int64_t, instant>> unacknowledged;
  instant acknowledged_time = instant::min();
  /// An internal partition: the newest watermark read per source
  /// partition, and malformed ones.
  std::map<partition_ref, instant> source_marks;
  /// The task's stream time as of the last record read: the slowest
  /// source's watermark, `instant::min()` until every source sent one.
  instant task_time = instant::min();
  uint64_t watermarks_read = 0;
  uint64_t bad_watermarks = 0;
  actor_meter meter;
};

/// Pulls its feed without blocking (librdkafka wakes it when the queue
/// fills) and decodes each message once. A source partition copies each
/// valid event, as an internal record, to its article's internal partition and
/// sends its stream time there as watermarks; an internal partition sends each
/// shard one batch per pull and reports the watermarks it reads to its
/// directory. At most `max_in_flight` events are out at a time (unacknowledged
/// copies, or batches the shards have not answered); beyond that the partition
/// is paused until the credits return. The commit frontier only passes events
/// whose copies are acknowledged, or that every shard has applied.
partition_actor::behavior_type
partition(partition_actor::stateful_pointer<partition_state> self,
          partition_setup setup);

} // namespace hot
