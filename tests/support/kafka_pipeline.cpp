// The whole pipeline against the mock cluster and a real redis-server.
#include "tests/support/kafka_pipeline.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "app/error_text.hpp"
#include "messages/event_encoder.hpp"
#include "tests/support/event_builders.hpp"
#include "tests/support/pipeline_probe.hpp"
#include "tests/support/stored_lists.hpp"
#include "tests/support/wait.hpp"

namespace hot::test {

namespace {

using namespace std::chrono_literals;

} // namespace

kafka_pipeline_fixture::kafka_pipeline_fixture(int brokers) : kafka(brokers) {
  system.emplace(config);
  producer.emplace(kafka.bootstraps());
}

kafka_pipeline_fixture::~kafka_pipeline_fixture() {
  {
    caf::scoped_actor self{*system};
    for (const auto& actor : started_) {
      self->send_exit(actor, caf::exit_reason::kill);
      self->wait_for(actor);
    }
  }
  // Detached actors' threads end only once no handle points to them.
  started_.clear();
  producer.reset();
  system.reset();
}

pipeline_settings
kafka_pipeline_fixture::settings(const std::string& group) const {
  pipeline_settings s;
  s.kafka = kafka.consumer_settings(group);
  // The streams here are stamped in order, and their heartbeats seal a day
  // a second past its seal: no allowance for disorder.
  s.kafka.max_disorder = std::chrono::milliseconds{0};
  s.redis = redis.settings();
  return s;
}

pipeline kafka_pipeline_fixture::start(const pipeline_settings& settings,
                                       int partitions) {
  kafka.create_internal_topic(settings.kafka);
  auto p = start_core(*system, settings);
  if (!p)
    throw std::runtime_error("pipeline did not start: "
                             + caf::to_string(p.error()));
  if (auto err = start_source(*system, *p, settings))
    throw std::runtime_error("source did not start: " + describe_error(err));
  for (auto& actor : top_level_actors(*p))
    started_.push_back(std::move(actor));
  if (!wait_until(60s, [&] { return p->health->assigned == partitions; })) {
    std::string figures;
    for (const auto& stats : source_stats(*p))
      if (stats.kind == "source")
        each_figure(stats.figures, [&](std::string_view key, int64_t value,
                                       figure_kind) {
          figures += " " + std::string{key} + "=" + std::to_string(value);
        });
    throw std::runtime_error("the pipeline was not assigned "
                             + std::to_string(partitions)
                             + " partitions; source:" + figures);
  }
  return std::move(*p);
}

void kafka_pipeline_fixture::produce(const partitioned_stream& stream) {
  for (const auto& partition : stream.partitions) {
    for (const auto& msg : partition) {
      producer->send(msg.partition.topic, "k", msg.value, msg.published,
                     msg.partition.partition);
      produced[msg.partition].push_back(msg.published);
    }
  }
  producer->flush();
}

void kafka_pipeline_fixture::send_inert(const partition_ref& where,
                                        instant at) {
  // A view of an article from long ago: late at once, wherever it lands.
  auto ancient = snowflake_id(utc(2024, 1, 2), 1);
  auto ev = count_event(event_type::article_viewed, ancient, 100,
                        snowflake_id(at, 3000 + ++inert_seq_));
  producer->send(where.topic, "k", encode_event(ev), at, where.partition);
  produced[where].push_back(at);
}

void kafka_pipeline_fixture::heartbeat(instant at) {
  for (const auto& topic : default_topics())
    for (int32_t partition = 0; partition < mock_cluster::partitions_per_topic;
         ++partition)
      send_inert(partition_ref{topic, partition}, at);
  producer->flush();
}

bool kafka_pipeline_fixture::wait_for_lists(
  const std::map<day_key, oracle_day>& expected,
  const std::vector<day_key>& days, bool reserves,
  std::chrono::milliseconds timeout, const std::map<day_key, size_t>& slack) {
  return wait_until(timeout, [&] {
    last_mismatch_ = list_mismatch(
      redis, expected, days,
      reserves ? reserve_check::prefix : reserve_check::none, slack);
    return last_mismatch_.empty();
  });
}

std::vector<actor_stats> kafka_pipeline_fixture::source_stats(pipeline& p) {
  caf::scoped_actor self{*system};
  std::vector<actor_stats> out;
  self->request(p.source, 10s, stats_atom_v)
    .receive([&](std::vector<actor_stats>& stats) { out = std::move(stats); },
             [&](caf::error& err) {
               throw std::runtime_error("stats: " + caf::to_string(err));
             });
  return out;
}

std::vector<int64_t>
kafka_pipeline_fixture::partition_figures(pipeline& p, const std::string& name,
                                          stage which) {
  std::vector<int64_t> out;
  for (const auto& stats : source_stats(p)) {
    if (stats.kind != "partition")
      continue;
    bool internal = figure(stats, "internal") == 1;
    if ((which == stage::source && internal)
        || (which == stage::internal && !internal))
      continue;
    out.push_back(figure(stats, name));
  }
  return out;
}

int64_t kafka_pipeline_fixture::partition_figure(pipeline& p,
                                                 const std::string& name,
                                                 stage which) {
  int64_t total = 0;
  for (auto value : partition_figures(p, name, which))
    total += std::max<int64_t>(0, value);
  return total;
}

int64_t kafka_pipeline_fixture::lowest_partition_figure(pipeline& p,
                                                        const std::string& name,
                                                        stage which) {
  auto all = partition_figures(p, name, which);
  return all.empty() ? std::numeric_limits<int64_t>::max()
                     : *std::min_element(all.begin(), all.end());
}

int64_t kafka_pipeline_fixture::source_figure(pipeline& p,
                                              const std::string& name) {
  for (const auto& stats : source_stats(p))
    if (stats.kind == "source")
      return figure(stats, name);
  return -1;
}

} // namespace hot::test
