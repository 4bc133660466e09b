// A day of board traffic, encoded in the reference wire format and laid
// out in Kafka partitions in memory before anything is measured.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "messages/day_calendar.hpp"
#include "messages/event.hpp"
#include "messages/pipeline_messages.hpp"
#include "sim/memory_feed.hpp"
#include "tests/support/adversarial_stream.hpp"

namespace hot::bench {

struct workload_options {
  uint64_t events = 5'000'000;
  uint64_t seed = 1;
  /// Odds of an article creation among the generator's actions (about 207
  /// in all): 11 makes about one event in ten a creation (views are
  /// published once per 100), ~500 k articles in 5 M events.
  double create_odds = 11;
  /// Partitions per topic, as the mock cluster creates them.
  int32_t partitions = 4;
  /// Boards the articles are spread over (Zipf, as the generator does).
  uint32_t boards = 4;
  std::string timezone = "Asia/Seoul";
  /// After each creation, a like of the new article: every article then
  /// has a score and sits in its day's index (the memory scenario).
  bool like_each_article = false;
};

struct workload {
  day_calendar calendar;
  /// One stored log per topic partition that received messages.
  std::vector<partition_ref> partitions;
  std::vector<std::shared_ptr<const stored_partition>> logs;
  /// The same events, typed and without their bytes, for the oracle.
  test::partitioned_stream truth;
  uint64_t events = 0;
  uint64_t bytes = 0;
  uint64_t articles = 0;
  std::array<uint64_t, event_type_count> by_type{};
  /// The first and last event time: the workload's day.
  instant first;
  instant last;
};

/// The generator's board simulation, `events` long, stamped over the last
/// minutes of today (in `timezone`) so that every day stays open.
workload make_workload(const workload_options& options);

/// The events in the order one consumer would see them by interleaving
/// the partitions round robin: the order a single listener processes.
std::vector<const stored_message*> interleaved(const workload& w);

} // namespace hot::bench
