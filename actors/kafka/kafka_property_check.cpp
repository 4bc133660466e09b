// librdkafka properties checked before anything starts, so that a typo is
// a configuration error rather than a failed start.
#include "actors/kafka/kafka_property_check.hpp"

#include <vector>

#include "actors/kafka/kafka_handles.hpp"
#include "common/spelling.hpp"
#include "messages/error_text.hpp"

namespace hot {

namespace {

// Every property name librdkafka knows, from a fresh configuration.
std::vector<std::string> known_properties() {
  kafka_conf conf{rd_kafka_conf_new()};
  size_t count = 0;
  const char** pairs = rd_kafka_conf_dump(conf.get(), &count);
  std::vector<std::string> names;
  for (size_t i = 0; i + 1 < count; i += 2)
    names.emplace_back(pairs[i]);
  rd_kafka_conf_dump_free(pairs, count);
  return names;
}

} // namespace

std::string
refused_kafka_property(const std::map<std::string, std::string>& properties) {
  for (const auto& [name, value] : properties) {
    auto conf = make_kafka_conf({{name, value}});
    if (conf)
      continue;
    // The context reads "name=value: reason"; the value may be a secret.
    auto reason = context_text(conf.error());
    auto given = name + "=" + value + ": ";
    if (reason.rfind(given, 0) == 0)
      reason.erase(0, given.size());
    auto out = name + ": " + reason;
    if (auto meant = likely_meant(name, known_properties()))
      out += " (did you mean " + *meant + "?)";
    return out;
  }
  return {};
}

} // namespace hot
