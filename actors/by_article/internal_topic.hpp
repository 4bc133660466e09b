// The internal topics the service creates for itself, such as the events
// re-keyed by article: created when missing, checked when present.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include <caf/error.hpp>
#include <caf/expected.hpp>

namespace hot {

/// Makes sure `topic` exists with `partitions` partitions. A missing topic
/// is created through the admin API (CreateTopics) with the brokers'
/// default replication factor. An existing one with another partition
/// count is an error naming both counts: the re-keying spreads articles by
/// that count, so it must not change under a running group. When the
/// brokers refuse or cannot create topics (librdkafka's mock cluster
/// cannot), the error says to create it by hand. Brokers that do not
/// answer at all give `kafka_errc::unavailable`. `client_properties`:
/// bootstrap.servers and the client properties (security) of the pipeline.
caf::error
ensure_topic(const std::map<std::string, std::string>& client_properties,
             const std::string& topic, int32_t partitions,
             std::chrono::milliseconds timeout);

/// The partition count of an existing topic, from the cluster's metadata;
/// an error when the topic does not exist. Asking never creates the topic,
/// not even on brokers (or the mock cluster) that auto-create topics named
/// in metadata requests.
caf::expected<int32_t>
partition_count(const std::map<std::string, std::string>& client_properties,
                const std::string& topic, std::chrono::milliseconds timeout);

} // namespace hot
