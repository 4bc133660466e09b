// librdkafka's mock cluster: a real Kafka-protocol broker, in-process.
#pragma once

#include <string>
#include <vector>

#include <caf/expected.hpp>

#include "actors/kafka/kafka_handles.hpp"

struct rd_kafka_mock_cluster_s;

namespace hot {

/// Owns a mock cluster (and the client handle hosting it) for the embedded
/// mode and for tests. It keeps at most 5 MiB per partition.
class mock_cluster {
public:
  /// Partitions per topic of the embedded mode and of the generator's
  /// --mock, like the compose file's topics.
  static constexpr int partitions_per_topic = 3;

  static caf::expected<mock_cluster>
  start(int brokers, const std::vector<std::string>& topics, int partitions);

  mock_cluster(mock_cluster&& other) noexcept;
  mock_cluster& operator=(mock_cluster&& other) noexcept;
  ~mock_cluster();

  /// "127.0.0.1:port[,...]", for bootstrap.servers.
  const std::string& bootstraps() const {
    return bootstraps_;
  }

  /// Creates a topic through the mock's own API, as the mock does not
  /// answer the admin API's CreateTopics. Call it before any client names
  /// the topic: the mock creates unknown topics named in metadata requests,
  /// with 4 partitions, and an existing topic is an error
  /// (TOPIC_ALREADY_EXISTS).
  caf::error create_topic(const std::string& name, int partitions);

  /// The librdkafka handle, for tests that inject faults
  /// (rdkafka_mock.h).
  rd_kafka_mock_cluster_s* get() const {
    return cluster_;
  }

private:
  mock_cluster(kafka_client owner, rd_kafka_mock_cluster_s* cluster);

  kafka_client owner_;
  rd_kafka_mock_cluster_s* cluster_ = nullptr;
  std::string bootstraps_;
};

} // namespace hot
