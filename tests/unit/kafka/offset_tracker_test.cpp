// The commit frontier moves only over batches every shard has applied.
#include <catch2/catch.hpp>

#include "actors/kafka/offset_tracker.hpp"

using namespace hot;

TEST_CASE("the frontier waits for the oldest batch") {
  offset_tracker tracker{100};
  auto first = tracker.open(110, 2, 10);
  auto second = tracker.open(120, 1, 10);
  CHECK(tracker.events_in_flight() == 20);
  tracker.complete(second, 10);
  CHECK(tracker.frontier() == 100);
  tracker.complete(first, 4);
  CHECK(tracker.frontier() == 100);
  tracker.complete(first, 6);
  CHECK(tracker.frontier() == 120);
  CHECK(tracker.events_in_flight() == 0);
  CHECK(tracker.batches_in_flight() == 0);
}

TEST_CASE("a batch of nothing but bad messages completes at once") {
  offset_tracker tracker;
  CHECK(tracker.frontier() == -1);
  tracker.open(5, 0, 0);
  CHECK(tracker.frontier() == 5);
  auto b = tracker.open(9, 1, 3);
  tracker.open(12, 0, 0);
  CHECK(tracker.frontier() == 5);
  tracker.complete(b, 3);
  CHECK(tracker.frontier() == 12);
}
