// The event generator: realistic board traffic, produced to Kafka.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include <caf/error.hpp>
#include <caf/expected.hpp>

#include "messages/event.hpp"
#include "messages/event_encoder.hpp"

namespace hot::gen {

/// What to produce, where, and how fast.
struct generator_options {
  /// bootstrap.servers
  std::string brokers;
  /// Extra librdkafka producer properties, applied last (they win).
  std::map<std::string, std::string> properties;
  std::string article_topic = "board-article";
  std::string comment_topic = "board-comment";
  std::string like_topic = "board-like";
  std::string view_topic = "board-view";
  /// Events per second; 0 = as fast as possible.
  double rate = 100;
  /// Stop after this many events; 0 = no limit.
  uint64_t count = 0;
  /// Stop after this long; 0 = no limit.
  std::chrono::milliseconds duration{0};
  uint64_t seed = 1;
  uint32_t boards = 4;
  date_style dates = date_style::iso;
  /// createdAt values are wall-clock times in this zone.
  std::string timezone = "Asia/Seoul";
  /// Snowflake node id (10 bits).
  uint32_t node_id = 1;
  /// If set: every delivered message as one JSON line
  /// {"topic","partition","offset","key","timestamp","value"}, written
  /// after its delivery report, so tests can recompute expected rankings.
  std::string dump_path;
  std::chrono::milliseconds progress_interval{5000};
  /// How long the final flush waits for delivery reports before the rest
  /// is purged and counted as failed.
  std::chrono::milliseconds flush_timeout{30000};
};

/// Counters of a run so far (or of the whole run, when returned).
struct generator_progress {
  /// Accepted by librdkafka.
  uint64_t produced = 0;
  /// Acknowledged by the cluster.
  uint64_t delivered = 0;
  /// Reported failed, or still unreported when the final flush gave up.
  uint64_t failed = 0;
  /// Produced per second: since the previous report in progress calls,
  /// over the whole run in the result.
  double rate_per_s = 0;
  /// Produced, by `event_type`.
  std::array<uint64_t, event_type_count> by_type{};
  /// Articles created so far.
  uint64_t articles = 0;
  /// Articles created and not deleted (among those still simulated).
  uint64_t live_articles = 0;
  std::chrono::milliseconds elapsed{0};
};

/// Rejects options that cannot work (no brokers, negative rate, node id
/// beyond 10 bits, ...) with a gen_errc::invalid_option error.
caf::error validate_options(const generator_options& options);

/// Produces realistic board traffic until count or duration is reached or
/// `stop` becomes true; flushes and waits for delivery reports before
/// returning. Calls `on_progress` every progress_interval (may be empty).
/// Never throws; bad options, Kafka and dump failures come back as errors.
caf::expected<generator_progress> run_generator(
  const generator_options& options, const std::atomic<bool>& stop,
  const std::function<void(const generator_progress&)>& on_progress);

} // namespace hot::gen
