// Where the producer's delivery reports land: counts, and the dump file.
#pragma once

#include <atomic>
#include <cstdint>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>

#include <caf/error.hpp>
#include <caf/expected.hpp>

namespace hot {
struct delivery_report;
} // namespace hot

namespace hot::gen {

/// Receives the delivery reports and the fatal error of one producer, on
/// the producer's delivery thread, while the generator reads the counts
/// and the problem from its own.
///
/// With a dump file, every delivered message becomes one JSON line
/// `{"topic","partition","offset","key","timestamp","value"}`: the
/// timestamp is the CreateTime the producer set (the event's time, in ms),
/// the value a JSON string holding its exact bytes. Failed deliveries never
/// reached Kafka and are not dumped.
class delivery_log {
public:
  /// No dump when `dump_path` is empty.
  static caf::expected<std::unique_ptr<delivery_log>>
  open(const std::string& dump_path);

  /// One delivery report.
  void record(const delivery_report& report);

  /// The producer cannot go on.
  void fatal(const caf::error& reason);

  uint64_t delivered() const {
    return delivered_.load();
  }

  uint64_t failed() const {
    return failed_.load();
  }

  /// Set once the run cannot go on: a fatal producer error or a failed
  /// dump write.
  caf::error problem() const;

  /// Whether `problem` is set; cheap enough to ask once per event.
  bool has_problem() const {
    return has_problem_.load(std::memory_order_acquire);
  }

  /// Flushes and closes the dump file. Call once the producer is closed:
  /// no report arrives after that.
  caf::error finish();

private:
  delivery_log() = default;

  void write_dump(const delivery_report& report);

  std::string dump_path_;
  std::ofstream dump_;
  std::string line_;
  std::atomic<uint64_t> delivered_{0};
  std::atomic<uint64_t> failed_{0};
  std::string last_failure_;
  mutable std::mutex mutex_;
  caf::error problem_; // guarded by mutex_
  std::atomic<bool> has_problem_{false};
};

} // namespace hot::gen
