// One run of the real actor pipeline over an in-memory workload, with
// real flushes to Redis, checked against the oracle.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "app/pipeline.hpp"
#include "bench/workload.hpp"
#include "tests/support/ranking_oracle.hpp"
#include "tests/support/redis_server.hpp"

namespace hot::bench {

struct pipeline_figures {
  double seconds = 0;
  double cpu_seconds = 0;
  uint64_t events = 0;
  /// Articles the shards hold when the run ends.
  uint64_t articles = 0;
  /// Resident memory the run added (the workload was already resident).
  int64_t rss_growth = 0;
  /// Heap bytes in use the run added (malloc's own count).
  int64_t heap_growth = 0;
  uint64_t partition_pauses = 0;
  /// Time spent in message handlers, by kind of actor.
  std::map<std::string, double> busy_seconds;
  /// Empty when every day's list in Redis is the oracle's.
  std::string mismatch;

  double events_per_s() const {
    return seconds > 0 ? static_cast<double>(events) / seconds : 0;
  }
};

/// The settings a run uses: the daemon's defaults, pointed at `redis`.
pipeline_settings bench_settings(const test::redis_server& redis,
                                 const workload& w);

/// Empties Redis, starts the core actors, hands every partition's log to a
/// partition actor through a memory feed, and stops the clock when every
/// offset is applied and every list is stored.
/// `expected` (may be null): the oracle's lists, compared after the clock
/// stopped.
pipeline_figures
run_pipeline(const workload& w, test::redis_server& redis,
             const pipeline_settings& settings,
             const std::map<day_key, test::oracle_day>* expected,
             bool measure_heap = false);

/// Resident set size of this process, in bytes.
int64_t resident_bytes();

/// Bytes malloc has handed out and not taken back.
int64_t heap_in_use();

/// Peak resident set size of this process so far, in bytes.
int64_t peak_resident_bytes();

} // namespace hot::bench
