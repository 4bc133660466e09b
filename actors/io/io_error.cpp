// Failures of the outside world (Kafka, Redis) as typed errors.
#include "actors/io/io_error.hpp"

#include <caf/atom.hpp>
#include <caf/message.hpp>

namespace hot {

std::string_view to_string(io_errc x) {
  switch (x) {
    case io_errc::kafka_config:
      return "kafka_config";
    case io_errc::kafka_client:
      return "kafka_client";
    case io_errc::kafka_call:
      return "kafka_call";
    case io_errc::redis_connect:
      return "redis_connect";
    case io_errc::redis_io:
      return "redis_io";
    case io_errc::redis_reply:
      return "redis_reply";
    case io_errc::kafka_produce:
      return "kafka_produce";
    case io_errc::fenced:
      return "fenced";
    case io_errc::kafka_unavailable:
      return "kafka_unavailable";
  }
  return "unknown";
}

std::string describe_io(const caf::error& err) {
  if (err.category() != caf::atom("io"))
    return caf::to_string(err);
  std::string out{to_string(static_cast<io_errc>(err.code()))};
  const auto& ctx = err.context();
  if (ctx.match_elements<std::string>()) {
    out += ": ";
    out += ctx.get_as<std::string>(0);
  }
  return out;
}

} // namespace hot
