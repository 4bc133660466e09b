// The partition actor's figures, for introspection.
#include "actors/kafka/partition_steps.hpp"

#include <algorithm>

namespace hot {

namespace {

int64_t lag_of(const partition_state& st) {
  if (st.high_watermark < 0 || st.next_offset < 0)
    return 0;
  return std::max<int64_t>(0, st.high_watermark - st.next_offset);
}

} // namespace

actor_stats partition_report(partition_ptr self) {
  auto& st = self->state;
  auto out = st.meter.report("partition " + name_of(st), "partition");
  auto i64 = [](auto x) { return static_cast<int64_t>(x); };
  partition_figures f;
  f.topic = st.setup->partition.topic;
  f.partition = st.setup->partition.partition;
  f.source = st.sink.has_value();
  for (size_t i = 0; i < st.rejected.size(); ++i)
    f.rejected_by[i] = i64(st.rejected[i]);
  f.consumed = i64(st.consumed);
  f.bytes = i64(st.bytes);
  f.kafka_errors = i64(st.kafka_errors);
  f.outcomes = st.totals;
  f.behind_clock = i64(st.behind_clock);
  f.in_flight = i64(st.tracker.events_in_flight());
  f.paused = st.paused;
  f.pauses = i64(st.pauses);
  f.position = st.next_offset;
  f.committable = committable(st);
  if (st.replaying)
    f.replay_left = std::max<int64_t>(
      0, st.setup->replay_end - std::max<int64_t>(st.tracker.frontier(), 0));
  f.committed = st.committed;
  f.high_watermark = st.high_watermark;
  f.lag = lag_of(st);
  f.rekeyed = i64(st.rekeyed);
  f.compacted = i64(st.compacted);
  f.watermarks_sent = i64(st.watermarks_sent);
  f.watermarks_read = i64(st.watermarks_read);
  f.bad_watermarks = i64(st.bad_watermarks);
  // A source partition's last watermark sent; an internal partition's
  // task stream time as of the last record read.
  if (st.sink && st.reported != instant::max())
    f.watermark_ms = st.reported.time_since_epoch().count();
  if (!st.sink && st.task_time != instant::min())
    f.watermark_ms = st.task_time.time_since_epoch().count();
  out.figures = std::move(f);
  return out;
}

} // namespace hot
