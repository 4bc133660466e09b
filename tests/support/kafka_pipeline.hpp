// The whole pipeline against the mock cluster and a real redis-server.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "app/pipeline.hpp"
#include "tests/support/adversarial_stream.hpp"
#include "tests/support/mock_kafka.hpp"
#include "tests/support/ranking_oracle.hpp"
#include "tests/support/redis_server.hpp"

namespace hot::test {

/// Produces streams into the mock cluster, runs pipelines against it, and
/// reads what they stored and did.
class kafka_pipeline_fixture {
public:
  /// `brokers`: the mock cluster's (partition leaders spread over them).
  explicit kafka_pipeline_fixture(int brokers = 1);
  ~kafka_pipeline_fixture();

  pipeline_settings settings(const std::string& group = "hot-article") const;

  /// Starts a pipeline and waits until it has been assigned `partitions`
  /// (by default all: 12 of the source topics and 12 internal ones).
  pipeline start(const pipeline_settings& settings, int partitions = 24);

  /// Produces every message to its partition with its Kafka timestamp.
  void produce(const partitioned_stream& stream);

  /// Sends (without flushing) one message stamped `at` that changes
  /// nothing but the partition's stream time.
  void send_inert(const partition_ref& where, instant at);

  /// One such message on each of the 12 partitions: it moves every
  /// partition's stream time to `at`.
  void heartbeat(instant at);

  /// True once Redis holds `expected` for `days`, checked until `timeout`.
  /// With `reserves`, the reserves are checked as prefixes: across Kafka
  /// partitions a late delete may land before or after the seal (see
  /// `reserve_check::prefix` and `late_deletes`).
  bool wait_for_lists(const std::map<day_key, oracle_day>& expected,
                      const std::vector<day_key>& days, bool reserves,
                      std::chrono::milliseconds timeout,
                      const std::map<day_key, size_t>& slack = {});

  /// Which partition actors a figure is summed over.
  enum class stage { source, internal, both };

  /// A figure summed over the partition actors of the pipeline's source.
  int64_t partition_figure(pipeline& p, const std::string& name,
                           stage which = stage::source);

  /// The smallest value of a figure over the partition actors.
  int64_t lowest_partition_figure(pipeline& p, const std::string& name,
                                  stage which);

  /// A figure of the source itself.
  int64_t source_figure(pipeline& p, const std::string& name);

  /// The last list comparison that failed, for the test's message.
  const std::string& last_mismatch() const {
    return last_mismatch_;
  }

  /// Every message produced so far: its Kafka timestamp, per partition, in
  /// offset order.
  std::map<partition_ref, std::vector<instant>> produced;

  mock_kafka kafka;
  redis_server redis;
  caf::actor_system_config config;
  std::optional<caf::actor_system> system;
  std::optional<test_producer> producer;

private:
  std::vector<actor_stats> source_stats(pipeline& p);
  /// A figure of each partition actor of `which` stage.
  std::vector<int64_t> partition_figures(pipeline& p, const std::string& name,
                                         stage which);

  /// Every actor started, stopped in the destructor even when a test
  /// fails half-way (else the actor system would wait for them forever).
  std::vector<caf::actor> started_;
  uint32_t inert_seq_ = 0;
  std::string last_mismatch_;
};

} // namespace hot::test
