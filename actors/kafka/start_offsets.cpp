// Where a newly assigned partition starts reading.
#include "actors/kafka/start_offsets.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "actors/kafka/kafka_error.hpp"
#include "actors/kafka/kafka_handles.hpp"
#include "actors/kafka/timestamp_probe.hpp"
#include "common/logger.hpp"

namespace hot {

namespace {

partition_list copy_of(rd_kafka_topic_partition_list_t* parts) {
  return partition_list{rd_kafka_topic_partition_list_copy(parts)};
}

struct watermarks {
  int64_t low = 0;
  int64_t high = 0;
};

std::optional<watermarks> query_watermarks(rd_kafka_t* consumer,
                                           const rd_kafka_topic_partition_t& tp,
                                           int timeout_ms) {
  watermarks w;
  auto err = rd_kafka_query_watermark_offsets(consumer, tp.topic, tp.partition,
                                              &w.low, &w.high, timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    HOT_LOG_WARN("kafka", tp.topic << "/" << tp.partition << ": "
                                   << describe_kafka(kafka_error(
                                        err, "query watermark offsets")));
    return std::nullopt;
  }
  return w;
}

/// Checks a broker's "nothing since `at`" (-1) against the partitions
/// themselves, and searches by reading where the broker was wrong.
/// Partitions it cannot decide are missing from the result.
std::map<partition_ref, int64_t>
verify_day_starts(rd_kafka_t* consumer,
                  const std::vector<rd_kafka_topic_partition_t*>& parts,
                  instant at,
                  const std::map<std::string, std::string>& properties,
                  std::chrono::milliseconds timeout) {
  std::map<partition_ref, int64_t> out;
  std::map<partition_ref, watermarks> bounds;
  for (auto* tp : parts) {
    auto w = query_watermarks(consumer, *tp, static_cast<int>(timeout.count()));
    if (!w)
      continue;
    partition_ref ref{tp->topic, tp->partition};
    if (w->high <= w->low)
      out[ref] = RD_KAFKA_OFFSET_END;
    else
      bounds[ref] = *w;
  }
  if (bounds.empty())
    return out;
  auto probe = timestamp_probe::open(properties);
  if (!probe) {
    HOT_LOG_WARN("kafka", describe_kafka(probe.error()));
    return out;
  }
  std::map<partition_ref, int64_t> last;
  for (const auto& [ref, w] : bounds)
    last[ref] = w.high - 1;
  // Each read is a fetch round trip; a partition that gives nothing within
  // a few seconds is left to the fallback.
  auto probe_timeout = std::min(timeout, std::chrono::milliseconds{5000});
  auto newest = probe->read(last, probe_timeout);
  std::vector<timestamp_probe::range> search;
  for (const auto& [ref, w] : bounds) {
    auto it = newest.find(ref);
    if (it == newest.end())
      continue;
    if (it->second.second < at)
      out[ref] = RD_KAFKA_OFFSET_END;
    else
      search.push_back(timestamp_probe::range{ref, w.low, w.high});
  }
  if (!search.empty()) {
    HOT_LOG_INFO("kafka", "the broker ignores timestamps in offset lookups; "
                          "searching "
                            << search.size() << " partitions by reading");
    for (const auto& [ref, offset] :
         probe->first_at_or_after(search, at, probe_timeout))
      out[ref] = offset;
  }
  return out;
}

int64_t resolve(const std::optional<watermarks>& w, int64_t offset) {
  if (offset >= 0 || !w)
    return offset;
  return offset == RD_KAFKA_OFFSET_END ? w->high : w->low;
}

} // namespace

std::string offset_text(int64_t offset) {
  if (offset >= 0)
    return std::to_string(offset);
  return offset == RD_KAFKA_OFFSET_INVALID ? "none" : "log start";
}

std::vector<start_offset> choose_start_offsets(
  rd_kafka_t* consumer, rd_kafka_topic_partition_list_t* parts,
  instant replay_from, std::chrono::milliseconds timeout,
  const std::map<std::string, std::string>& client_properties,
  start_rule rule) {
  auto timeout_ms = static_cast<int>(timeout.count());
  auto committed = copy_of(parts);
  auto err = rd_kafka_committed(consumer, committed.get(), timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    HOT_LOG_WARN("kafka",
                 describe_kafka(kafka_error(err, "committed offsets")));
  auto by_time = copy_of(parts);
  for (int i = 0; i < by_time->cnt; ++i)
    by_time->elems[i].offset = replay_from.time_since_epoch().count();
  auto time_err = rd_kafka_offsets_for_times(consumer, by_time.get(),
                                             timeout_ms);
  if (time_err != RD_KAFKA_RESP_ERR_NO_ERROR)
    HOT_LOG_WARN("kafka",
                 describe_kafka(kafka_error(time_err, "offsets for times")));
  auto found_by_time = [&](int i) {
    return time_err == RD_KAFKA_RESP_ERR_NO_ERROR
           && by_time->elems[i].err == RD_KAFKA_RESP_ERR_NO_ERROR
           && by_time->elems[i].offset >= 0;
  };
  // Source partitions where the broker says "nothing since then": check
  // it. An internal partition's copies carry their events' own stamps, in
  // no order (and its watermarks the sources' stream times), so neither
  // its newest message nor a search by reading can tell where the open
  // days begin: it is read from its log start. A broker that honours
  // timestamps answers exactly (Kafka's time index keeps the newest stamp
  // so far); librdkafka's mock cluster never does.
  std::vector<rd_kafka_topic_partition_t*> unsure;
  if (rule == start_rule::resume_committed)
    for (int i = 0; i < parts->cnt; ++i)
      if (!(err == RD_KAFKA_RESP_ERR_NO_ERROR
            && committed->elems[i].offset >= 0)
          && !found_by_time(i))
        unsure.push_back(&parts->elems[i]);
  auto verified = verify_day_starts(consumer, unsure, replay_from,
                                    client_properties, timeout);
  size_t from_log_start = 0;
  std::vector<start_offset> out;
  for (int i = 0; i < parts->cnt; ++i) {
    auto& tp = parts->elems[i];
    start_offset s;
    s.partition = partition_ref{tp.topic, tp.partition};
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR
        && committed->elems[i].err == RD_KAFKA_RESP_ERR_NO_ERROR)
      s.committed = committed->elems[i].offset;
    // A rebuilt task needs the end for its replay (and its log start when
    // the broker found nothing); anyone needs the bounds to resolve a
    // logical start. One query serves all.
    std::optional<watermarks> bounds;
    if (rule == start_rule::rebuild_open_days)
      bounds = query_watermarks(consumer, tp, timeout_ms);
    std::optional<int64_t> day_start;
    if (found_by_time(i))
      day_start = by_time->elems[i].offset;
    else if (auto it = verified.find(s.partition); it != verified.end())
      day_start = it->second;
    else if (rule == start_rule::rebuild_open_days && bounds) {
      day_start = bounds->low;
      ++from_log_start;
    }
    if (day_start)
      s.day_start = *day_start;
    // END: nothing was published since replay_from.
    if (s.committed >= 0 && rule == start_rule::resume_committed)
      s.start = s.committed;
    else if (s.committed >= 0 && s.day_start >= 0)
      s.start = std::min(s.committed, s.day_start);
    else if (s.committed >= 0)
      s.start = s.committed;
    else if (day_start)
      s.start = s.day_start;
    else
      s.start = RD_KAFKA_OFFSET_BEGINNING;
    if (s.start < 0 && !bounds)
      bounds = query_watermarks(consumer, tp, timeout_ms);
    s.start = resolve(bounds, s.start);
    if (bounds)
      s.end = bounds->high;
    tp.offset = s.start;
    out.push_back(s);
  }
  if (from_log_start > 0)
    HOT_LOG_INFO("kafka", "the broker found nothing since the oldest open day "
                          "in "
                            << from_log_start
                            << " internal partitions; they are read again "
                               "from their log start");
  return out;
}

} // namespace hot
