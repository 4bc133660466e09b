// The partition actor's internal role: watermark records read, the end of
// a replay, and what may be committed meanwhile.
#include "actors/kafka/partition_steps.hpp"

#include <algorithm>

#include "common/logger.hpp"
#include "messages/by_article.hpp"

namespace hot {

// What may be committed. A replaying task has stored nothing yet, so its
// partition offers only what is committed already.
int64_t committable(const partition_state& st) {
  return st.replaying ? st.committed : st.tracker.frontier();
}

// The replay ends once every event before the end offset found at
// assignment is applied: the task then publishes what it rebuilt.
void check_replayed(partition_ptr self) {
  auto& st = self->state;
  if (!st.replaying || st.tracker.frontier() < st.setup->replay_end)
    return;
  st.replaying = false;
  self->send(st.setup->directory, publish_atom_v);
  HOT_LOG_INFO("partition", name_of(st) << ": replayed up to offset "
                                        << st.setup->replay_end);
}

// An internal partition's watermark record: the newest per source
// partition is reported once the pull's batches are on their way.
void read_watermark(partition_ptr self, std::string_view value,
                    std::map<partition_ref, instant>& marks) {
  auto& st = self->state;
  auto mark = decode_watermark(value);
  if (!mark) {
    ++st.bad_watermarks;
    HOT_LOG_WARN("partition", name_of(st) << ": malformed watermark record '"
                                          << value << "'");
    return;
  }
  ++st.watermarks_read;
  auto& newest = st.source_marks[mark->source];
  if (mark->stream_time > newest || newest == instant{}) {
    newest = mark->stream_time;
    marks[mark->source] = mark->stream_time;
    st.task_time = task_stream_time(st);
  }
}

instant task_stream_time(const partition_state& st) {
  const auto& sources = st.setup->sources;
  if (sources.empty() && st.source_marks.empty())
    return instant::min();
  auto slowest = instant::max();
  if (sources.empty())
    for (const auto& [source, at] : st.source_marks)
      slowest = std::min(slowest, at);
  for (const auto& source : sources) {
    auto it = st.source_marks.find(source);
    if (it == st.source_marks.end())
      return instant::min();
    slowest = std::min(slowest, it->second);
  }
  return slowest;
}

void add_to_batch(event_batch& batch, published_event ev, instant task_time) {
  if (task_time != instant::min()
      && (batch.clock.empty() || batch.clock.back().stream_time != task_time))
    batch.clock.push_back(
      clock_step{static_cast<uint32_t>(batch.events.size()), task_time});
  batch.events.push_back(std::move(ev));
}

} // namespace hot
