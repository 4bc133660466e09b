// Telling a stalled partition from a caught-up one by its leader's fetches.
#include <catch2/catch.hpp>

#include <string>

#include "actors/kafka/fetch_health.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

// A statistics document as librdkafka writes it, cut to the fields read:
// broker 1 leads board-like 0, broker 2 leads board-like 1, the bootstrap
// connection has node id -1, and the group coordinator's connection shares
// broker 1's node id (listed after it, as librdkafka does).
std::string stats(int64_t fetches_1, int64_t fetches_2, int leader_of_1 = 2) {
  return R"({"name":"rdkafka#consumer-1","brokers":{)"
         R"("localhost:9092/1":{"nodeid":1,"req":{"Fetch":)"
         + std::to_string(fetches_1)
         + R"(,"Heartbeat":7}},"localhost:9093/2":{"nodeid":2,"req":{"Fetch":)"
         + std::to_string(fetches_2)
         + R"(}},"localhost:9092/bootstrap":{"nodeid":-1,"req":{"Fetch":0}},)"
           R"("GroupCoordinator":{"nodeid":1,"source":"logical",)"
           R"("req":{"Fetch":0,"Heartbeat":9}}},)"
           R"("topics":{"board-like":{"partitions":{"0":{"leader":1},"1":)"
           R"({"leader":)"
         + std::to_string(leader_of_1) + R"(},"-1":{"leader":-1}}}}})";
}

} // namespace

TEST_CASE("without statistics every partition counts as fetching",
          "[fetch_health]") {
  fetch_health health{3s};
  auto now = fetch_health::clock::now();
  CHECK(health.fetching("board-like", 0, now));
  CHECK(health.fetching("board-like", 7, now + 1h));
}

TEST_CASE("a partition whose leader is sent no fetch for the stall time "
          "stalls, and fetches again once its count moves",
          "[fetch_health]") {
  fetch_health health{3s};
  auto t0 = fetch_health::clock::now();
  REQUIRE(health.update(stats(10, 20), t0));
  CHECK(health.fetching("board-like", 0, t0 + 3s));
  // Broker 2's count moves on, broker 1's stands still.
  REQUIRE(health.update(stats(10, 25), t0 + 2s));
  REQUIRE(health.update(stats(10, 31), t0 + 4s));
  CHECK_FALSE(health.fetching("board-like", 0, t0 + 4s));
  CHECK(health.fetching("board-like", 1, t0 + 4s));
  REQUIRE(health.update(stats(11, 31), t0 + 5s));
  CHECK(health.fetching("board-like", 0, t0 + 5s));
  // Broker 2 stood still since t0 + 4s.
  CHECK_FALSE(health.fetching("board-like", 1, t0 + 7500ms));
}

TEST_CASE("a partition the statistics do not know, or whose leader moved to "
          "a stalled broker, does not count as fetching",
          "[fetch_health]") {
  fetch_health health{3s};
  auto t0 = fetch_health::clock::now();
  REQUIRE(health.update(stats(10, 20), t0));
  CHECK_FALSE(health.fetching("board-view", 0, t0));
  REQUIRE(health.update(stats(14, 20, 1), t0 + 4s));
  CHECK(health.fetching("board-like", 1, t0 + 4s));
  REQUIRE(health.update(stats(14, 20, 2), t0 + 4s));
  CHECK_FALSE(health.fetching("board-like", 1, t0 + 4s));
}

TEST_CASE("a document that is not statistics changes nothing",
          "[fetch_health]") {
  fetch_health health{3s};
  auto t0 = fetch_health::clock::now();
  CHECK_FALSE(health.update("not json", t0));
  CHECK_FALSE(health.update("[1,2]", t0));
  CHECK(health.fetching("board-like", 0, t0));
}
