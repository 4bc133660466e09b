// Finding offsets by timestamp by reading, against the mock cluster (whose
// ListOffsets ignores timestamps).
#include <catch2/catch.hpp>

#include "actors/kafka/kafka_handles.hpp"
#include "actors/kafka/start_offsets.hpp"
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

TEST_CASE("an internal partition whose stamps follow no order is read again "
          "from its log start",
          "[integration][kafka]") {
  test::mock_kafka kafka;
  test::test_producer producer{kafka.bootstraps()};
  auto day = test::utc(2025, 5, 25);
  auto month_ago = day - std::chrono::hours{24 * 30};
  // Copies carry their events' own stamps, and a watermark the stream
  // time of an idle source: the newest message says nothing of the rest.
  std::vector<instant> stamps{day + 1h, month_ago, day + 2h,
                              day - 1h, day + 3h,  month_ago};
  for (const auto& stamp : stamps)
    producer.send("board-like", "k", "m", stamp, 0);
  producer.flush();
  auto consumer = test::make_client(RD_KAFKA_CONSUMER,
                                    {{"bootstrap.servers", kafka.bootstraps()},
                                     {"group.id", "g"}});
  auto committed = make_partition_list();
  rd_kafka_topic_partition_list_add(committed.get(), "board-like", 0)->offset
    = 4;
  REQUIRE(rd_kafka_commit(consumer.get(), committed.get(), 0)
          == RD_KAFKA_RESP_ERR_NO_ERROR);
  auto parts = make_partition_list();
  rd_kafka_topic_partition_list_add(parts.get(), "board-like", 0);
  auto starts = choose_start_offsets(consumer.get(), parts.get(), day, 5s,
                                     {{"bootstrap.servers", kafka.bootstraps()},
                                      {"group.id", "g"}},
                                     start_rule::rebuild_open_days);
  REQUIRE(starts.size() == 1);
  CHECK(starts[0].committed == 4);
  // Offset 0 is of the open day: the replay must start there, not at the
  // committed offset.
  CHECK(starts[0].start == 0);
  CHECK(starts[0].end == 6);
}
