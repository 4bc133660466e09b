// Failures of Kafka and of librdkafka as typed errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <caf/error.hpp>
#include <caf/make_message.hpp>

namespace hot {

enum class kafka_errc : uint8_t {
  config = 1,  // a librdkafka property was rejected
  client,      // a client handle could not be created
  call,        // a librdkafka call returned an error
  produce,     // a copy was refused for good by the producer
  unavailable, // the brokers did not answer in time
  task_lost,   // an assigned internal partition has no ranking task
};

/// "kafka_call", "kafka_config", ...: the names logs and /health show.
std::string_view to_string(kafka_errc x);

/// "kafka_call: rd_kafka_commit: Broker: ..." for Kafka errors; CAF's
/// rendering for any other.
std::string describe_kafka(const caf::error& err);

} // namespace hot

CAF_ERROR_CODE_ENUM(hot::kafka_errc, "kafka")
