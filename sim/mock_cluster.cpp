// librdkafka's mock cluster: a real Kafka-protocol broker, in-process.
#include "sim/mock_cluster.hpp"

#include <librdkafka/rdkafka_mock.h>

namespace hot {

caf::expected<mock_cluster>
mock_cluster::start(int brokers, const std::vector<std::string>& topics,
                    int partitions) {
  // The host handle needs no brokers; its warning about that is noise.
  auto conf = make_kafka_conf({{"log_level", "3"}});
  if (!conf)
    return conf.error();
  route_kafka_logs(conf->get());
  auto owner = make_kafka_client(RD_KAFKA_PRODUCER, *conf);
  if (!owner)
    return owner.error();
  auto* cluster = rd_kafka_mock_cluster_new(owner->get(), brokers);
  if (cluster == nullptr)
    return caf::make_error(kafka_errc::client,
                           "cannot create the mock cluster");
  mock_cluster out{std::move(*owner), cluster};
  for (const auto& topic : topics)
    if (auto err = rd_kafka_mock_topic_create(cluster, topic.c_str(),
                                              partitions, 1))
      return kafka_error(err, "create mock topic " + topic);
  return out;
}

caf::error mock_cluster::create_topic(const std::string& name, int partitions) {
  if (auto err = rd_kafka_mock_topic_create(cluster_, name.c_str(), partitions,
                                            1))
    return kafka_error(err, "create mock topic " + name);
  return {};
}

mock_cluster::mock_cluster(kafka_client owner, rd_kafka_mock_cluster_s* cluster)
  : owner_(std::move(owner)),
    cluster_(cluster),
    bootstraps_(rd_kafka_mock_cluster_bootstraps(cluster)) {
}

mock_cluster::mock_cluster(mock_cluster&& other) noexcept
  : owner_(std::move(other.owner_)),
    cluster_(other.cluster_),
    bootstraps_(std::move(other.bootstraps_)) {
  other.cluster_ = nullptr;
}

mock_cluster& mock_cluster::operator=(mock_cluster&& other) noexcept {
  if (this != &other) {
    if (cluster_ != nullptr)
      rd_kafka_mock_cluster_destroy(cluster_);
    owner_ = std::move(other.owner_);
    cluster_ = other.cluster_;
    bootstraps_ = std::move(other.bootstraps_);
    other.cluster_ = nullptr;
  }
  return *this;
}

mock_cluster::~mock_cluster() {
  // Clients of the cluster must be gone by now (librdkafka's rule).
  if (cluster_ != nullptr)
    rd_kafka_mock_cluster_destroy(cluster_);
}

} // namespace hot
