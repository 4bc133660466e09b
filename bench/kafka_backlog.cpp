// What a consumer group has left to do on the mock cluster.
#include "bench/kafka_backlog.hpp"

#include <algorithm>
#include <stdexcept>

#include "actors/kafka/kafka_error.hpp"
#include "tests/support/mock_kafka.hpp"

namespace hot::bench {

kafka_backlog::kafka_backlog(const std::string& bootstraps,
                             const std::string& group,
                             std::vector<topic_partitions> topics)
  // A consumer that never subscribes: it only asks for the group's
  // committed offsets and takes no part in its rebalances.
  : client_(
    test::make_client(RD_KAFKA_CONSUMER, {{"bootstrap.servers", bootstraps},
                                          {"group.id", group},
                                          {"enable.auto.commit", "false"},
                                          {"log_level", "3"}})),
    topics_(std::move(topics)) {
}

kafka_backlog::~kafka_backlog() {
  rd_kafka_consumer_close(client_.get());
}

kafka_backlog::watermarks kafka_backlog::query(const std::string& topic,
                                               int32_t partition) {
  watermarks out;
  auto err = rd_kafka_query_watermark_offsets(
    client_.get(), topic.c_str(), partition, &out.low, &out.high, 5000);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    throw std::runtime_error("watermarks of " + topic + "/"
                             + std::to_string(partition) + ": "
                             + rd_kafka_err2str(err));
  return out;
}

std::map<std::string, int64_t> kafka_backlog::written() {
  std::map<std::string, int64_t> out;
  for (const auto& t : topics_)
    for (int32_t p = 0; p < t.partitions; ++p)
      out[t.topic] += query(t.topic, p).high;
  return out;
}

std::vector<partition_position> kafka_backlog::positions() {
  partition_list list{rd_kafka_topic_partition_list_new(0)};
  for (const auto& t : topics_)
    for (int32_t p = 0; p < t.partitions; ++p)
      rd_kafka_topic_partition_list_add(list.get(), t.topic.c_str(), p);
  auto err = rd_kafka_committed(client_.get(), list.get(), 5000);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    throw std::runtime_error(std::string{"committed offsets: "}
                             + rd_kafka_err2str(err));
  std::vector<partition_position> out;
  for (int i = 0; i < list->cnt; ++i) {
    const auto& elem = list->elems[i];
    auto marks = query(elem.topic, elem.partition);
    partition_position at;
    at.name = std::string{elem.topic} + "/" + std::to_string(elem.partition);
    // Nothing committed yet: the group starts at the beginning.
    at.committed = elem.offset >= 0 ? elem.offset : 0;
    at.low = marks.low;
    at.high = marks.high;
    out.push_back(std::move(at));
  }
  return out;
}

int64_t kafka_backlog::uncommitted() {
  int64_t sum = 0;
  for (const auto& at : positions())
    sum += at.uncommitted();
  return sum;
}

std::vector<std::string> kafka_backlog::behind() {
  std::vector<std::string> out;
  for (const auto& at : positions())
    if (at.uncommitted() > 0)
      out.push_back(at.name + " " + std::to_string(at.committed) + "/"
                    + std::to_string(at.high));
  return out;
}

std::vector<std::string> kafka_backlog::trimmed() {
  std::vector<std::string> out;
  for (const auto& t : topics_)
    for (int32_t p = 0; p < t.partitions; ++p)
      if (query(t.topic, p).low != 0)
        out.push_back(t.topic + "/" + std::to_string(p));
  return out;
}

std::vector<std::string>
trimmed_partitions(const std::string& bootstraps,
                   std::vector<topic_partitions> topics) {
  return kafka_backlog{bootstraps, "bench-trimmed-probe", std::move(topics)}
    .trimmed();
}

} // namespace hot::bench
