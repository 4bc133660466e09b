// librdkafka's mock cluster (a real Kafka-protocol broker, in-process) and a
// producer for tests.
#include "tests/support/mock_kafka.hpp"

#include <stdexcept>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "actors/by_article/internal_topic.hpp"
#include "actors/kafka/kafka_error.hpp"

namespace hot::test {

kafka_client make_client(rd_kafka_type_t type,
                         const std::map<std::string, std::string>& props) {
  auto conf = make_kafka_conf(props);
  if (!conf)
    throw std::runtime_error(describe_kafka(conf.error()));
  auto client = make_kafka_client(type, *conf);
  if (!client)
    throw std::runtime_error(describe_kafka(client.error()));
  return std::move(*client);
}

std::vector<std::string> default_topics() {
  return kafka_settings{}.topics();
}

const std::map<std::string, std::string>& mock_group_timing() {
  static const std::map<std::string, std::string> timing{
    {"session.timeout.ms", "6000"},
    {"heartbeat.interval.ms", "1500"},
    {"fetch.wait.max.ms", "10"}};
  return timing;
}

mock_kafka::mock_kafka(int brokers, int partitions)
  : cluster_([&] {
      auto cluster = mock_cluster::start(brokers, default_topics(), partitions);
      if (!cluster)
        throw std::runtime_error(describe_kafka(cluster.error()));
      return std::move(*cluster);
    }()) {
}

void mock_kafka::create_internal_topic(const kafka_settings& settings) {
  auto topic = settings.internal_topic();
  if (partition_count({{"bootstrap.servers", bootstraps()}}, topic,
                      std::chrono::seconds{5}))
    return;
  if (auto err = cluster_.create_topic(topic, settings.by_article_partitions))
    throw std::runtime_error(describe_kafka(err));
}

kafka_settings mock_kafka::consumer_settings(std::string group) const {
  kafka_settings s;
  s.brokers = bootstraps();
  s.group_id = std::move(group);
  s.properties = mock_group_timing();
  // librdkafka's own metadata refresh (every 5 minutes), not a faster one.
  // librdkafka 2.0.2 rejoins the group when a refresh lands while the
  // leader waits for the assignor's metadata, and a refresh every second
  // keeps step with the mock's join timers (3 s, then the session less
  // 1 s): the same rejoin then repeats, once for 60 s. Leader changes are
  // learnt from the errors that reveal them.
  s.commit_interval = std::chrono::milliseconds{200};
  s.watermark_interval = std::chrono::milliseconds{100};
  // Test streams carry stamps spread over whole days, hours away from the
  // clock. A partition waiting on the producer (a leader moving) reads as
  // caught up; were its stream time to jump to the clock, a count waiting
  // for its creation would expire before the creation arrived. Here the
  // stream time moves only with stamps.
  s.idle_grace = std::chrono::hours{24 * 30};
  return s;
}

int64_t mock_kafka::committed(const std::string& group,
                              const std::string& topic,
                              int32_t partition) const {
  return committed_offset(bootstraps(), group, topic, partition);
}

namespace {

void check_mock(rd_kafka_resp_err_t err, const std::string& what) {
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    throw std::runtime_error(what + ": " + rd_kafka_err2str(err));
}

} // namespace

void mock_kafka::broker_down(int32_t broker) {
  check_mock(rd_kafka_mock_broker_set_down(cluster_.get(), broker),
             "broker down");
}

void mock_kafka::broker_up(int32_t broker) {
  check_mock(rd_kafka_mock_broker_set_up(cluster_.get(), broker), "broker up");
}

void mock_kafka::fail_requests(int16_t api_key,
                               const std::vector<rd_kafka_resp_err_t>& errors) {
  rd_kafka_mock_push_request_errors_array(cluster_.get(), api_key,
                                          errors.size(), errors.data());
}

void mock_kafka::delay_requests(int32_t broker, int16_t api_key, size_t count,
                                std::chrono::milliseconds rtt) {
  for (size_t i = 0; i < count; ++i)
    check_mock(rd_kafka_mock_broker_push_request_error_rtts(
                 cluster_.get(), broker, api_key, 1, RD_KAFKA_RESP_ERR_NO_ERROR,
                 static_cast<int>(rtt.count())),
               "delay requests to broker " + std::to_string(broker));
}

void mock_kafka::move_leader(const std::string& topic, int32_t partition,
                             int32_t broker) {
  check_mock(rd_kafka_mock_partition_set_leader(cluster_.get(), topic.c_str(),
                                                partition, broker),
             "move leader of " + topic + "/" + std::to_string(partition));
}

int64_t committed_offset(const std::string& bootstraps,
                         const std::string& group, const std::string& topic,
                         int32_t partition) {
  auto consumer = make_client(RD_KAFKA_CONSUMER,
                              {{"bootstrap.servers", bootstraps},
                               {"group.id", group},
                               {"log_level", "3"}});
  auto list = make_partition_list();
  rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition);
  if (rd_kafka_committed(consumer.get(), list.get(), 5000)
      != RD_KAFKA_RESP_ERR_NO_ERROR)
    return RD_KAFKA_OFFSET_INVALID;
  auto offset = list->elems[0].offset;
  rd_kafka_consumer_close(consumer.get());
  return offset;
}

int64_t end_offset(const std::string& bootstraps, const std::string& topic,
                   int32_t partition) {
  auto consumer = make_client(RD_KAFKA_CONSUMER,
                              {{"bootstrap.servers", bootstraps},
                               {"group.id", "end-offset-probe"},
                               {"log_level", "3"}});
  int64_t low = 0;
  int64_t high = -1;
  rd_kafka_query_watermark_offsets(consumer.get(), topic.c_str(), partition,
                                   &low, &high, 5000);
  rd_kafka_consumer_close(consumer.get());
  return high;
}

test_producer::test_producer(const std::string& bootstraps)
  // Idempotent, as Kafka 3 producers are by default: a retry after a
  // leader move must not reorder a partition, or a later timestamp can pass
  // a day's seal before an earlier message of that day is in.
  : producer_(make_client(RD_KAFKA_PRODUCER, {{"bootstrap.servers", bootstraps},
                                              {"partitioner", "murmur2_random"},
                                              {"enable.idempotence", "true"},
                                              {"linger.ms", "1"}})) {
}

test_producer::~test_producer() {
  rd_kafka_flush(producer_.get(), 10000);
}

void test_producer::send(const std::string& topic, const std::string& key,
                         const std::string& value,
                         std::optional<instant> published, int32_t partition) {
  int64_t stamp = published ? published->time_since_epoch().count() : 0;
  produce_request msg;
  msg.topic_name = topic.c_str();
  msg.partition = partition;
  msg.key = key;
  msg.value = value;
  msg.timestamp_ms = stamp;
  while (true) {
    auto error = produce_copy(producer_.get(), msg);
    if (!error)
      return;
    if (rd_kafka_error_code(error.get()) == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(producer_.get(), 10);
      continue;
    }
    throw std::runtime_error(std::string{"produce: "}
                             + rd_kafka_error_string(error.get()));
  }
}

void test_producer::flush() {
  if (rd_kafka_flush(producer_.get(), 30000) != RD_KAFKA_RESP_ERR_NO_ERROR)
    throw std::runtime_error("producer flush timed out");
}

} // namespace hot::test
