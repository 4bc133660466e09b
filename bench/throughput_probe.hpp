// What the throughput scenario reads while it runs: the daemon's own
// counters at the moment of a statistics round, the CPU of every process
// on the path, and the generator kept just ahead of the daemon.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "bench/kafka_backlog.hpp"
#include "tests/e2e/e2e_fixture.hpp"

namespace hot::bench {

/// One statistics round of the daemon and the CPU clocks read right after
/// it was seen, so that counts and CPU cover the same span.
struct throughput_mark {
  int64_t taken_ms = 0;
  /// Messages the internal partitions (stage 2) and the source partitions
  /// (stage 1) consumed since the daemon started.
  double internal_consumed = 0;
  double source_consumed = 0;
  /// Count events the source partitions did not copy (stage-1 compaction).
  double source_compacted = 0;
  double daemon_cpu = 0;
  double generator_cpu = 0;
  double kafka_cpu = 0;
  std::map<std::string, double> daemon_threads;
};

/// The daemon's statistics round that follows `after_ms` (0: the current
/// one), with the CPU clocks read as soon as it is seen.
throughput_mark next_mark(const test::daemon_run& daemon, int64_t after_ms,
                          pid_t generator, pid_t kafka);

/// Handler time of the daemon's actors by stage, summed over the rounds
/// `sample` saw. Handler time is wall time in message handlers (less
/// blocking polls): not CPU, since a handler preempted on a busy machine
/// keeps counting.
class stage_busy {
public:
  /// Reads the actors' view; adds its busy fractions when it is a round
  /// not seen before.
  void sample(const test::daemon_run& daemon);

  /// Seconds of handler time per stage: "stage1", "stage2" (without the
  /// Redis writers), "writer", "shared".
  const std::map<std::string, double>& seconds() const {
    return seconds_;
  }

  /// The same by actor kind (partitions by role).
  const std::map<std::string, double>& by_kind() const {
    return by_kind_;
  }

private:
  int64_t last_taken_ms_ = 0;
  std::map<std::string, double> seconds_;
  std::map<std::string, double> by_kind_;
};

/// Runs the generator as fast as it goes, and stops it (SIGSTOP) while the
/// daemon is more than `pause_above` messages behind on a partition, until
/// every partition is back under `resume_below`: the mock's retention (5
/// MiB per partition) must not drop what the daemon has not read. "Behind"
/// is counted from the committed offsets, which trail what the daemon has
/// read, so this bounds the unread messages without measuring them; the
/// oracle at the end is the check.
class generator_throttle {
public:
  generator_throttle(test::child_process& generator, kafka_backlog& backlog,
                     int64_t pause_above, int64_t resume_below);

  /// Reads the backlog and pauses or resumes the generator.
  void step();

  /// Resumes the generator if paused.
  void release();

  /// Time the generator spent paused so far.
  std::chrono::duration<double> paused() const;

  /// The most messages one partition was seen behind.
  int64_t largest_backlog() const {
    return largest_;
  }

  bool ever_paused() const {
    return pauses_ > 0;
  }

private:
  using steady = std::chrono::steady_clock;

  test::child_process& generator_;
  kafka_backlog& backlog_;
  int64_t pause_above_;
  int64_t resume_below_;
  bool stopped_ = false;
  steady::time_point stopped_at_;
  steady::duration paused_{};
  int64_t largest_ = 0;
  uint64_t pauses_ = 0;
};

} // namespace hot::bench
