// librdkafka properties checked before anything starts, so that a typo is
// a configuration error rather than a failed start.
#pragma once

#include <map>
#include <string>

namespace hot {

/// Sets each property on a scratch configuration, as the clients will.
/// Returns the first one librdkafka refuses, as "name: reason (did you
/// mean x?)", or empty when it takes them all.
std::string
refused_kafka_property(const std::map<std::string, std::string>& properties);

} // namespace hot
