// librdkafka's mock cluster (a real Kafka-protocol broker, in-process) and a
// producer for tests.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <librdkafka/rdkafka.h>

#include "actors/kafka/kafka_handles.hpp"
#include "actors/kafka/kafka_settings.hpp"
#include "messages/snowflake.hpp"
#include "sim/mock_cluster.hpp"

namespace hot::test {

/// The daemon's default topic names, which every test cluster has.
std::vector<std::string> default_topics();

/// A librdkafka client with `props`; throws what librdkafka refused.
kafka_client make_client(rd_kafka_type_t type,
                         const std::map<std::string, std::string>& props);

/// What librdkafka's mock needs from group members: a 6 s session keeps its
/// rebalances short, and it answers empty fetches only after
/// fetch.wait.max.ms.
const std::map<std::string, std::string>& mock_group_timing();

/// A mock cluster with the four default topics, 3 partitions each.
class mock_kafka {
public:
  explicit mock_kafka(int brokers = 1,
                      int partitions = mock_cluster::partitions_per_topic);

  const std::string& bootstraps() const {
    return cluster_.bootstraps();
  }

  /// Consumer settings for tests: the mock's group timing needs a 6 s
  /// session and short fetch waits.
  kafka_settings consumer_settings(std::string group = "hot-article") const;

  int64_t committed(const std::string& group, const std::string& topic,
                    int32_t partition) const;

  /// Creates the internal topic of `settings` (the mock does not answer
  /// CreateTopics); nothing when it exists already.
  void create_internal_topic(const kafka_settings& settings);

  // Faults (librdkafka's mock API). Brokers are numbered from 1.

  /// The broker stops answering (its connections are closed) until
  /// `broker_up`.
  void broker_down(int32_t broker);
  void broker_up(int32_t broker);

  /// The next `errors.size()` requests of a Kafka API (e.g. 1: Fetch, 8:
  /// OffsetCommit), to any broker, fail with these errors in turn.
  void fail_requests(int16_t api_key,
                     const std::vector<rd_kafka_resp_err_t>& errors);

  /// The next `count` requests of `api_key` to `broker` are answered
  /// `rtt` late (and succeed).
  void delay_requests(int32_t broker, int16_t api_key, size_t count,
                      std::chrono::milliseconds rtt);

  /// Moves a partition's leadership to another broker.
  void move_leader(const std::string& topic, int32_t partition, int32_t broker);

private:
  mock_cluster cluster_;
};

/// The group's committed offset of a partition, or RD_KAFKA_OFFSET_INVALID.
int64_t committed_offset(const std::string& bootstraps,
                         const std::string& group, const std::string& topic,
                         int32_t partition);

/// The partition's high watermark (the next offset to be written).
int64_t end_offset(const std::string& bootstraps, const std::string& topic,
                   int32_t partition);

/// A producer keyed like the reference producers (murmur2, Java's
/// partitioner).
class test_producer {
public:
  explicit test_producer(const std::string& bootstraps);
  ~test_producer();

  /// Produces one message; `published` sets its Kafka timestamp.
  void send(const std::string& topic, const std::string& key,
            const std::string& value, std::optional<instant> published = {},
            int32_t partition = -1);

  /// Waits until everything sent is acknowledged.
  void flush();

private:
  kafka_client producer_;
};

} // namespace hot::test
