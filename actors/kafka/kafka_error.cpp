// Failures of Kafka and of librdkafka as typed errors.
#include "actors/kafka/kafka_error.hpp"

#include <caf/atom.hpp>

#include "messages/error_text.hpp"

namespace hot {

std::string_view to_string(kafka_errc x) {
  switch (x) {
    case kafka_errc::config:
      return "kafka_config";
    case kafka_errc::client:
      return "kafka_client";
    case kafka_errc::call:
      return "kafka_call";
    case kafka_errc::produce:
      return "kafka_produce";
    case kafka_errc::unavailable:
      return "kafka_unavailable";
    case kafka_errc::task_lost:
      return "kafka_task_lost";
  }
  return "kafka_unknown";
}

std::string describe_kafka(const caf::error& err) {
  if (err.category() != caf::atom("kafka"))
    return caf::to_string(err);
  return named_error_text(to_string(static_cast<kafka_errc>(err.code())), err);
}

} // namespace hot
