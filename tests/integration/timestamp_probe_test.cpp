// Finding offsets by timestamp by reading, against the mock cluster (whose
// ListOffsets ignores timestamps).
#include <catch2/catch.hpp>

#include "actors/kafka/timestamp_probe.hpp"
#include "tests/support/event_builders.hpp"
#include "tests/support/mock_kafka.hpp"

using namespace hot;
using namespace std::chrono_literals;

TEST_CASE("the probe finds the first offset stamped at or after an instant",
          "[integration][kafka]") {
  test::mock_kafka kafka;
  test::test_producer producer{kafka.bootstraps()};
  auto base = test::utc(2025, 5, 25);
  // Partition p of board-like holds 100 * (p + 1) messages, one per second.
  for (int32_t p = 0; p < 3; ++p)
    for (int i = 0; i < 100 * (p + 1); ++i)
      producer.send("board-like", "k", "m" + std::to_string(i),
                    base + std::chrono::seconds{i}, p);
  producer.flush();
  auto probe = timestamp_probe::open({{"bootstrap.servers", kafka.bootstraps()},
                                      {"group.id", "g"},
                                      {"fetch.wait.max.ms", "10"}});
  REQUIRE(probe);
  std::vector<timestamp_probe::range> ranges;
  for (int32_t p = 0; p < 3; ++p)
    ranges.push_back({partition_ref{"board-like", p}, 0, 100 * (p + 1)});
  for (int second : {0, 1, 37, 99, 150, 299, 300, 1000}) {
    INFO("at +" << second << "s");
    auto found = probe->first_at_or_after(
      ranges, base + std::chrono::seconds{second}, 5s);
    REQUIRE(found.size() == 3);
    for (int32_t p = 0; p < 3; ++p)
      CHECK(found[partition_ref{"board-like", p}]
            == std::min(second, 100 * (p + 1)));
  }
}
