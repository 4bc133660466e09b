// Embedded mode: an in-process mock Kafka cluster, and the built-in
// generator feeding it, for trying the daemon out without a cluster.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include <caf/expected.hpp>

#include "actors/kafka/kafka_settings.hpp"
#include "sim/mock_cluster.hpp"

namespace hot {

/// Owns the mock cluster and the generator's thread. The cluster goes with
/// this object; the generator stops on `stop_generator` or then.
class embedded_mode {
public:
  /// Starts a one-broker mock cluster with the source topics and the
  /// internal topic, and points `kafka` at it.
  static caf::expected<std::unique_ptr<embedded_mode>>
  start(kafka_settings& kafka);

  ~embedded_mode();

  embedded_mode(const embedded_mode&) = delete;
  embedded_mode& operator=(const embedded_mode&) = delete;

  /// Feeds the topics of `kafka` at `rate` events per second, stamped in
  /// `timezone`'s days, until `stop_generator`. A rate of 0 feeds nothing.
  void start_generator(const kafka_settings& kafka, double rate,
                       const std::string& timezone);

  /// Waits for the generator's thread; nothing once it has ended.
  void stop_generator();

  /// How the banner names it: with the generator's rate, or without one.
  static std::string description(double rate);

private:
  explicit embedded_mode(mock_cluster cluster);

  mock_cluster cluster_;
  std::atomic<bool> generator_stop_{false};
  std::thread generator_;
};

} // namespace hot
