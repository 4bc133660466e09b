// One line for any error the service meets, whichever subsystem made it.
#pragma once

#include <string>

#include <caf/error.hpp>

#include "actors/kafka/kafka_error.hpp"
#include "actors/redis/redis_error.hpp"

namespace hot {

/// "redis_connect: 127.0.0.1:2: Connection refused", "kafka_call: ...";
/// CAF's rendering for errors of other categories.
inline std::string describe_error(const caf::error& err) {
  return err.category() == caf::atom("kafka") ? describe_kafka(err)
                                              : describe_redis(err);
}

} // namespace hot
