// Embedded mode: an in-process mock Kafka cluster, and the built-in
// generator feeding it.
#include "app/daemon/embedded_mode.hpp"

#include "app/generator/gen_error.hpp"
#include "app/generator/generator.hpp"
#include "common/logger.hpp"

namespace hot {

using namespace std::chrono_literals;

caf::expected<std::unique_ptr<embedded_mode>>
embedded_mode::start(kafka_settings& kafka) {
  auto cluster = mock_cluster::start(1, kafka.topics(),
                                     mock_cluster::partitions_per_topic);
  if (!cluster)
    return std::move(cluster.error());
  // The mock does not answer CreateTopics: the internal topic is made
  // through its own API, before any client names it.
  if (auto err = cluster->create_topic(kafka.internal_topic(),
                                       kafka.by_article_partitions))
    return err;
  kafka.brokers = cluster->bootstraps();
  // The mock answers an empty fetch only after fetch.wait.max.ms.
  kafka.properties.emplace("fetch.wait.max.ms", "10");
  return std::unique_ptr<embedded_mode>{new embedded_mode{std::move(*cluster)}};
}

embedded_mode::embedded_mode(mock_cluster cluster)
  : cluster_(std::move(cluster)) {
}

embedded_mode::~embedded_mode() {
  stop_generator();
}

void embedded_mode::start_generator(const kafka_settings& kafka, double rate,
                                    const std::string& timezone) {
  if (rate <= 0 || generator_.joinable())
    return;
  gen::generator_options options;
  options.brokers = kafka.brokers;
  options.article_topic = kafka.article_topic;
  options.comment_topic = kafka.comment_topic;
  options.like_topic = kafka.like_topic;
  options.view_topic = kafka.view_topic;
  options.rate = rate;
  options.timezone = timezone;
  options.seed = static_cast<uint64_t>(
    std::chrono::system_clock::now().time_since_epoch().count());
  options.progress_interval = 60s;
  generator_ = std::thread{[this, options] {
    auto result = gen::run_generator(
      options, generator_stop_, [](const gen::generator_progress& p) {
        HOT_LOG_DEBUG("generator", p.produced << " events produced, "
                                              << p.live_articles
                                              << " live articles");
      });
    if (!result)
      HOT_LOG_ERROR("generator", gen::describe_gen_error(result.error()));
  }};
}

void embedded_mode::stop_generator() {
  generator_stop_ = true;
  if (generator_.joinable())
    generator_.join();
}

std::string embedded_mode::description(double rate) {
  return rate > 0 ? "embedded mode (mock Kafka + generator)"
                  : "embedded mode (mock Kafka, no generator: "
                    "embedded.rate=0)";
}

} // namespace hot
