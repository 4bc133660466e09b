// An owned admin client: topic metadata and topic creation.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include <caf/error.hpp>
#include <caf/expected.hpp>

#include "actors/kafka/kafka_handles.hpp"

namespace hot {

/// Reads the cluster's topics and creates new ones. Blocking: for starts
/// and checks, never for the data path.
class kafka_admin {
public:
  /// `client_properties`: bootstrap.servers and the pipeline's client
  /// properties (security).
  static caf::expected<kafka_admin>
  open(const std::map<std::string, std::string>& client_properties);

  /// The topic's partition count, or nothing when the cluster has no such
  /// topic. Asking never creates the topic, not even on brokers (or the
  /// mock cluster) that auto-create topics named in metadata requests.
  caf::expected<std::optional<int32_t>>
  partition_count(const std::string& topic, std::chrono::milliseconds timeout);

  /// Creates `topic` (CreateTopics) with the brokers' default replication
  /// factor, waiting until it exists on the brokers. One that exists
  /// already counts as created: another member of the group may have been
  /// first. A refusal is `kafka_errc::call` with the brokers' reason.
  caf::error create_topic(const std::string& topic, int32_t partitions,
                          std::chrono::milliseconds timeout);

private:
  explicit kafka_admin(kafka_client client);

  kafka_client client_;
};

} // namespace hot
