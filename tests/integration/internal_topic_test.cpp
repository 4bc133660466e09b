// Internal topics against the mock cluster, which cannot CreateTopics: made
// with its own API, checked, and refused with advice when missing.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "actors/by_article/internal_topic.hpp"
#include "app/error_text.hpp"
#include "sim/mock_cluster.hpp"
#include "tests/support/mock_kafka.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

struct cluster_fixture {
  mock_cluster cluster = [] {
    auto started = mock_cluster::start(1, {}, 3);
    if (!started)
      throw std::runtime_error(describe_error(started.error()));
    return std::move(*started);
  }();

  std::map<std::string, std::string> properties() const {
    return {{"bootstrap.servers", cluster.bootstraps()}, {"log_level", "3"}};
  }
};

} // namespace

TEST_CASE("a topic made with the mock's own API has the wanted partitions",
          "[integration][internal-topic]") {
  cluster_fixture f;
  REQUIRE_FALSE(f.cluster.create_topic("g-by-article", 12));
  auto count = partition_count(f.properties(), "g-by-article", 5s);
  REQUIRE(count);
  CHECK(*count == 12);
  CHECK_FALSE(ensure_topic(f.properties(), "g-by-article", 12, 5s));
  CHECK(f.cluster.create_topic("g-by-article", 12));
}

TEST_CASE("ensuring a topic that has the wanted partitions changes nothing",
          "[integration][internal-topic]") {
  cluster_fixture f;
  REQUIRE_FALSE(f.cluster.create_topic("g-by-article", 12));
  for (int round = 0; round < 3; ++round) {
    INFO("round " << round);
    auto err = ensure_topic(f.properties(), "g-by-article", 12, 5s);
    CHECK_FALSE(err);
    if (err)
      FAIL_CHECK(describe_error(err));
  }
  auto count = partition_count(f.properties(), "g-by-article", 5s);
  REQUIRE(count);
  CHECK(*count == 12);
}

TEST_CASE("a topic with another partition count is an error naming both",
          "[integration][internal-topic]") {
  cluster_fixture f;
  SECTION("made with 4 partitions") {
    REQUIRE_FALSE(f.cluster.create_topic("g-by-article", 4));
  }
  SECTION("auto-created by a producer before the service ensured it") {
    // The mock creates topics named in metadata requests with 4
    // partitions, so the embedded mode must create its topics first.
    test::test_producer producer{f.cluster.bootstraps()};
    producer.send("g-by-article", "article-1", "{}");
    producer.flush();
  }
  auto err = ensure_topic(f.properties(), "g-by-article", 12, 5s);
  REQUIRE(err);
  auto text = describe_error(err);
  INFO(text);
  CHECK_THAT(text, Catch::Contains("g-by-article")
                     && Catch::Contains("has 4 partitions")
                     && Catch::Contains("12 are wanted")
                     && Catch::Contains("kafka.by-article-partitions"));
  auto count = partition_count(f.properties(), "g-by-article", 5s);
  REQUIRE(count);
  CHECK(*count == 4);
}

TEST_CASE("a missing topic the brokers cannot create is an error with advice",
          "[integration][internal-topic]") {
  cluster_fixture f;
  // The mock names no controller, so CreateTopics waits out its timeout.
  auto err = ensure_topic(f.properties(), "g-by-article", 12, 2s);
  REQUIRE(err);
  auto text = describe_error(err);
  INFO(text);
  CHECK_THAT(text, Catch::Contains("cannot create topic g-by-article")
                     && Catch::Contains("create it by hand with 12 partitions")
                     && Catch::Contains("kafka.by-article-partitions"));
  // Neither the check nor the attempt left a topic behind.
  CHECK_FALSE(partition_count(f.properties(), "g-by-article", 5s));
  CHECK_FALSE(f.cluster.create_topic("g-by-article", 12));
}

TEST_CASE("asking the partition count of a missing topic does not create it",
          "[integration][internal-topic]") {
  cluster_fixture f;
  for (int round = 0; round < 2; ++round) {
    INFO("round " << round);
    auto count = partition_count(f.properties(), "nowhere", 5s);
    REQUIRE_FALSE(count);
    CHECK_THAT(describe_error(count.error()),
               Catch::Contains("nowhere") && Catch::Contains("no such topic"));
  }
}
