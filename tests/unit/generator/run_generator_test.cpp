// The generator end to end against librdkafka's in-process mock cluster.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>
#include <tuple>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "actors/kafka/kafka_handles.hpp"
#include "app/generator/event_routing.hpp"
#include "app/generator/gen_error.hpp"
#include "app/generator/generator.hpp"
#include "messages/event_decoder.hpp"
#include "sim/mock_cluster.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace hot::gen;
using namespace std::chrono_literals;

namespace {

const std::vector<std::string> topics{"board-article", "board-comment",
                                      "board-like", "board-view"};

/// Java's Utils.murmur2, which librdkafka's murmur2_random partitioner
/// reproduces: the partition a Java producer would pick for `key`.
int32_t java_partition(const std::string& key, int32_t partitions) {
  constexpr uint32_t m = 0x5bd1e995;
  auto length = static_cast<uint32_t>(key.size());
  uint32_t h = 0x9747b28c ^ length;
  size_t i = 0;
  for (; i + 4 <= key.size(); i += 4) {
    uint32_t k = 0;
    for (size_t b = 0; b < 4; ++b)
      k |= uint32_t{static_cast<unsigned char>(key[i + b])} << (8 * b);
    k *= m;
    k ^= k >> 24;
    k *= m;
    h *= m;
    h ^= k;
  }
  auto rest = key.size() - i;
  if (rest > 0) {
    for (size_t b = rest; b > 0; --b)
      h ^= uint32_t{static_cast<unsigned char>(key[i + b - 1])}
           << (8 * (b - 1));
    h *= m;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return static_cast<int32_t>((h & 0x7fffffff)
                              % static_cast<uint32_t>(partitions));
}

struct consumed {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string key;
  std::string value;
  int64_t timestamp = 0;
};

/// Reads every topic from the start in a consumer group until `expected`
/// messages arrived or 30 s passed.
std::vector<consumed> consume_all(const std::string& bootstraps,
                                  size_t expected) {
  auto conf = make_kafka_conf({{"bootstrap.servers", bootstraps},
                               {"group.id", "generator-test"},
                               {"auto.offset.reset", "earliest"},
                               {"enable.auto.commit", "false"},
                               {"session.timeout.ms", "6000"},
                               {"heartbeat.interval.ms", "1500"},
                               {"fetch.wait.max.ms", "10"}});
  REQUIRE(conf);
  auto client = make_kafka_client(RD_KAFKA_CONSUMER, *conf);
  REQUIRE(client);
  rd_kafka_poll_set_consumer(client->get());
  auto list = make_partition_list(4);
  for (const auto& topic : topics)
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(),
                                      RD_KAFKA_PARTITION_UA);
  REQUIRE(rd_kafka_subscribe(client->get(), list.get())
          == RD_KAFKA_RESP_ERR_NO_ERROR);
  std::vector<consumed> out;
  test::wait_until(
    30s,
    [&] {
      kafka_message msg{rd_kafka_consumer_poll(client->get(), 100)};
      if (msg && msg->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        rd_kafka_timestamp_type_t type;
        out.push_back(
          {rd_kafka_topic_name(msg->rkt), msg->partition, msg->offset,
           std::string{static_cast<const char*>(msg->key), msg->key_len},
           std::string{static_cast<const char*>(msg->payload), msg->len},
           rd_kafka_message_timestamp(msg.get(), &type)});
      }
      return out.size() >= expected;
    },
    0ms);
  rd_kafka_consumer_close(client->get());
  return out;
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path()
          / (name + "-" + std::to_string(::getpid()) + ".jsonl"))
    .string();
}

} // namespace

TEST_CASE("the generator's events arrive in Kafka as the reference sends them",
          "[kafka]") {
  auto cluster = mock_cluster::start(1, topics, 3);
  REQUIRE(cluster);
  generator_options options;
  options.brokers = cluster->bootstraps();
  options.count = 2000;
  options.rate = 0;
  options.dump_path = temp_path("generator-dump");
  std::atomic<bool> stop{false};
  auto result = run_generator(options, stop, {});
  if (!result)
    FAIL(describe_gen_error(result.error()));
  CHECK(result->produced == 2000);
  CHECK(result->delivered == 2000);
  CHECK(result->failed == 0);
  uint64_t typed = 0;
  for (auto n : result->by_type)
    typed += n;
  CHECK(typed == 2000);

  auto messages = consume_all(cluster->bootstraps(), 2000);
  REQUIRE(messages.size() == 2000);
  event_decoder decoder;
  std::set<std::tuple<std::string, int32_t, int64_t>> positions;
  for (const auto& msg : messages) {
    INFO(msg.topic << "/" << msg.partition << "@" << msg.offset << ": "
                   << msg.value);
    REQUIRE(positions.emplace(msg.topic, msg.partition, msg.offset).second);
    auto ev = decoder.decode(msg.value);
    REQUIRE(ev);
    CHECK(msg.topic == topics[static_cast<size_t>(topic_of(ev->type))]);
    auto shard = is_article_event(ev->type) ? ev->board.value()
                                            : ev->article.value();
    CHECK(msg.key == std::to_string(shard % 4));
    CHECK(msg.partition == java_partition(msg.key, 3));
    CHECK(msg.timestamp == ev->time().time_since_epoch().count());
  }

  SECTION("the dump holds the same 2000 messages, one JSON line each") {
    std::map<std::tuple<std::string, int32_t, int64_t>, const consumed*> index;
    for (const auto& msg : messages)
      index[{msg.topic, msg.partition, msg.offset}] = &msg;
    std::ifstream dump{options.dump_path};
    std::string line;
    size_t lines = 0;
    while (std::getline(dump, line)) {
      ++lines;
      auto json = nlohmann::json::parse(line);
      auto found = index.find({json.at("topic").get<std::string>(),
                               json.at("partition").get<int32_t>(),
                               json.at("offset").get<int64_t>()});
      REQUIRE(found != index.end());
      CHECK(json.at("key").get<std::string>() == found->second->key);
      CHECK(json.at("value").get<std::string>() == found->second->value);
      CHECK(json.at("timestamp").get<int64_t>() == found->second->timestamp);
    }
    CHECK(lines == 2000);
  }
  std::filesystem::remove(options.dump_path);
}

// Whether the pace is kept is pacing_test's and the benchmark's business:
// here the run only has to report, deliver and stop.
TEST_CASE("a paced run reports progress and stops cleanly when asked",
          "[kafka]") {
  auto cluster = mock_cluster::start(1, topics, 3);
  REQUIRE(cluster);
  generator_options options;
  options.brokers = cluster->bootstraps();
  options.rate = 200;
  options.progress_interval = 100ms;
  std::atomic<bool> stop{false};
  std::atomic<int> reports{0};
  caf::expected<generator_progress> result{caf::error{}};
  std::thread runner{[&] {
    result = run_generator(options, stop,
                           [&](const generator_progress&) { ++reports; });
  }};
  CHECK(test::wait_until(10s, [&] { return reports >= 3; }));
  stop = true;
  runner.join();
  REQUIRE(result);
  CHECK(result->produced > 0);
  CHECK(result->delivered == result->produced);
  CHECK(result->failed == 0);
}

TEST_CASE("a producer queue far smaller than the run loses nothing",
          "[kafka]") {
  auto cluster = mock_cluster::start(1, topics, 3);
  REQUIRE(cluster);
  generator_options options;
  options.brokers = cluster->bootstraps();
  options.rate = 0;
  options.count = 3000;
  options.properties = {{"queue.buffering.max.messages", "50"},
                        {"linger.ms", "1"}};
  std::atomic<bool> stop{false};
  auto result = run_generator(options, stop, {});
  REQUIRE(result);
  CHECK(result->produced == 3000);
  CHECK(result->delivered == 3000);
  CHECK(result->failed == 0);
}

TEST_CASE("a run ends after its duration", "[kafka]") {
  auto cluster = mock_cluster::start(1, topics, 3);
  REQUIRE(cluster);
  generator_options options;
  options.brokers = cluster->bootstraps();
  options.rate = 1000;
  options.duration = 300ms;
  std::atomic<bool> stop{false};
  auto result = run_generator(options, stop, {});
  REQUIRE(result);
  CHECK(result->elapsed >= 300ms);
  CHECK(result->produced > 0);
  CHECK(result->delivered == result->produced);
}

TEST_CASE("bad options are refused as usage errors naming the option") {
  std::atomic<bool> stop{false};
  generator_options options;
  auto check = [&](const std::string& starts_with) {
    auto result = run_generator(options, stop, {});
    REQUIRE_FALSE(result);
    CHECK(is_usage_error(result.error()));
    CHECK(describe_gen_error(result.error()).rfind(starts_with, 0) == 0);
  };
  check("brokers:");
  options.brokers = "127.0.0.1:1";
  options.node_id = 1024;
  check("node-id:");
  options.node_id = 1;
  options.rate = -5;
  check("rate:");
  options.rate = 1;
  options.timezone = "Nowhere/Special";
  check("timezone:");
  options.timezone = "UTC";
  options.properties["no.such.property"] = "1";
  check("kafka_config:");
}

TEST_CASE("an unwritable dump file is an error, not a silent loss") {
  std::atomic<bool> stop{false};
  generator_options options;
  options.brokers = "127.0.0.1:1";
  options.dump_path = "/nonexistent-dir/dump.jsonl";
  auto result = run_generator(options, stop, {});
  REQUIRE_FALSE(result);
  CHECK(describe_gen_error(result.error()).rfind("dump_write:", 0) == 0);
}
