// The partition actor's source role: copies to the internal topic, and
// watermarks that state only what acknowledged copies cover.
#include "actors/kafka/partition_steps.hpp"

#include <algorithm>

#include "actors/kafka/kafka_error.hpp"
#include "common/logger.hpp"

namespace hot {

namespace {

// The stream time every acknowledged copy covers: with nothing in
// flight, the partition's own (the clock may have moved it while idle).
instant acknowledged_stream_time(partition_state& st) {
  auto& pending = st.unacknowledged;
  while (!pending.empty() && st.tracker.frontier() >= pending.front().first) {
    st.acknowledged_time = std::max(st.acknowledged_time,
                                    pending.front().second);
    pending.pop_front();
  }
  if (pending.empty())
    st.acknowledged_time = std::max(st.acknowledged_time, st.stream_time);
  return st.acknowledged_time;
}

} // namespace

// A source partition's copies are in the producer's hands; their delivery
// reports return the credits. A copy that could not be produced stops the
// partition: nothing at or after it may be committed.
void close_copies(partition_ptr self, int64_t last_offset,
                  const caf::error& failure) {
  auto& st = self->state;
  auto copies = st.sink->pending();
  auto seq = st.tracker.open(last_offset + 1, copies > 0 ? 1u : 0u, copies);
  st.unacknowledged.emplace_back(last_offset + 1, st.stream_time);
  st.sink->finish(seq);
  if (failure) {
    HOT_LOG_ERROR("partition", name_of(st)
                                 << ": cannot copy to the internal topic: "
                                 << describe_kafka(failure));
    self->quit(failure);
  }
}

// A compacting source partition copies the pull's events once it has read
// them all: only then is the newest count of each group known.
caf::error copy_held(partition_state& st, caf::error failure) {
  st.compacted += st.held.flush(
    *st.sink->target().compaction,
    [&](article_id article, std::string_view value, instant published) {
      if (!failure)
        failure = st.sink->copy(article, value,
                                published.time_since_epoch().count());
    });
  return failure;
}

// A source partition's stream time reaches every internal partition at
// each interval, changed or not: a ranking task that just started reading
// at the end of its partition learns it from the next round. Only as far
// as its copies are acknowledged: a watermark and the copies before it go
// to different internal partitions, so the watermark could land while a
// copy before it fails.
void send_watermarks(partition_ptr self) {
  auto& st = self->state;
  if (!st.sink)
    return;
  auto mark = acknowledged_stream_time(st);
  if (mark == instant::min())
    return;
  auto now = now_instant();
  if (now < st.next_watermark)
    return;
  st.next_watermark = now + st.sink->target().watermark_interval;
  if (auto err
      = st.sink->send_watermark(source_watermark{st.setup->partition, mark})) {
    HOT_LOG_ERROR("partition", name_of(st) << ": cannot send its watermark: "
                                           << describe_kafka(err));
    self->quit(err);
    return;
  }
  st.reported = mark;
  ++st.watermarks_sent;
}

} // namespace hot
