// Where a newly assigned partition starts reading.
#include "actors/io/start_offsets.hpp"

#include <algorithm>

#include "actors/io/kafka_handles.hpp"
#include "common/logger.hpp"

namespace hot {

namespace {

partition_list copy_of(rd_kafka_topic_partition_list_t* parts) {
  return partition_list{rd_kafka_topic_partition_list_copy(parts)};
}

int64_t resolve(rd_kafka_t* consumer, const rd_kafka_topic_partition_t& tp,
                int64_t offset, int timeout_ms) {
  if (offset >= 0)
    return offset;
  int64_t low = 0;
  int64_t high = 0;
  auto err = rd_kafka_query_watermark_offsets(consumer, tp.topic, tp.partition,
                                              &low, &high, timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    HOT_LOG_WARN("kafka", tp.topic << "/" << tp.partition << ": "
                                   << describe_io(kafka_error(
                                        err, "query watermark offsets")));
    return offset;
  }
  return offset == RD_KAFKA_OFFSET_END ? high : low;
}

} // namespace

std::vector<start_offset>
choose_start_offsets(rd_kafka_t* consumer,
                     rd_kafka_topic_partition_list_t* parts,
                     instant replay_from, std::chrono::milliseconds timeout) {
  auto timeout_ms = static_cast<int>(timeout.count());
  auto committed = copy_of(parts);
  auto err = rd_kafka_committed(consumer, committed.get(), timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    HOT_LOG_WARN("kafka", describe_io(kafka_error(err, "committed offsets")));
  auto by_time = copy_of(parts);
  for (int i = 0; i < by_time->cnt; ++i)
    by_time->elems[i].offset = replay_from.time_since_epoch().count();
  auto time_err = rd_kafka_offsets_for_times(consumer, by_time.get(),
                                             timeout_ms);
  if (time_err != RD_KAFKA_RESP_ERR_NO_ERROR)
    HOT_LOG_WARN("kafka",
                 describe_io(kafka_error(time_err, "offsets for times")));
  std::vector<start_offset> out;
  for (int i = 0; i < parts->cnt; ++i) {
    auto& tp = parts->elems[i];
    start_offset s;
    s.partition = partition_ref{tp.topic, tp.partition};
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR
        && committed->elems[i].err == RD_KAFKA_RESP_ERR_NO_ERROR)
      s.committed = committed->elems[i].offset;
    bool time_ok = time_err == RD_KAFKA_RESP_ERR_NO_ERROR
                   && by_time->elems[i].err == RD_KAFKA_RESP_ERR_NO_ERROR;
    // -1 (END) means nothing was published since replay_from.
    if (time_ok)
      s.day_start = by_time->elems[i].offset;
    if (s.committed >= 0 && s.day_start >= 0)
      s.start = std::min(s.committed, s.day_start);
    else if (s.committed >= 0)
      s.start = s.committed;
    else if (time_ok)
      s.start = s.day_start;
    else
      s.start = RD_KAFKA_OFFSET_BEGINNING;
    s.start = resolve(consumer, tp, s.start, timeout_ms);
    tp.offset = s.start;
    out.push_back(s);
  }
  return out;
}

} // namespace hot
