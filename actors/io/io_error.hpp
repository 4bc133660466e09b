// Failures of the outside world (Kafka, Redis) as typed errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <caf/error.hpp>
#include <caf/make_message.hpp>

namespace hot {

enum class io_errc : uint8_t {
  kafka_config = 1,  // a librdkafka property was rejected
  kafka_client,      // a client handle could not be created
  kafka_call,        // a librdkafka call returned an error
  redis_connect,     // no connection to Redis
  redis_io,          // the connection broke during a command
  redis_reply,       // Redis answered with an error
  kafka_produce,     // a copy was refused for good by the producer
  fenced,            // a newer owner of the partition holds its epoch
  kafka_unavailable, // the brokers did not answer in time
};

std::string_view to_string(io_errc x);

/// "redis_io: Connection refused" for io errors; CAF's rendering otherwise.
std::string describe_io(const caf::error& err);

} // namespace hot

CAF_ERROR_CODE_ENUM(hot::io_errc, "io")
