// Where the producer's delivery reports land: counts, and the dump file.
#include "app/generator/delivery_log.hpp"

#include <array>
#include <cstdint>
#include <string_view>

#include "actors/kafka/kafka_producer.hpp"
#include "app/generator/gen_error.hpp"
#include "common/logger.hpp"
#include "messages/event_encoder.hpp"

namespace hot::gen {

caf::expected<std::unique_ptr<delivery_log>>
delivery_log::open(const std::string& dump_path) {
  std::unique_ptr<delivery_log> log{new delivery_log};
  if (!dump_path.empty()) {
    log->dump_path_ = dump_path;
    log->dump_.open(dump_path, std::ios::out | std::ios::trunc);
    if (!log->dump_)
      return make_gen_error(gen_errc::dump_write,
                            "cannot open '" + dump_path + "' for writing");
  }
  return log;
}

void delivery_log::fatal(const caf::error& reason) {
  std::lock_guard<std::mutex> guard{mutex_};
  if (!problem_) {
    problem_ = reason;
    has_problem_.store(true, std::memory_order_release);
  }
}

caf::error delivery_log::problem() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return problem_;
}

void delivery_log::record(const delivery_report& report) {
  if (report.error) {
    ++failed_;
    // One line per kind of failure, not one per message.
    if (report.failure != last_failure_) {
      last_failure_ = std::string{report.failure};
      HOT_LOG_WARN("generator", "delivery failed: " << report.failure
                                                    << " (further failures "
                                                       "of this kind counted "
                                                       "silently)");
    }
    return;
  }
  ++delivered_;
  if (dump_.is_open() && !has_problem())
    write_dump(report);
}

void delivery_log::write_dump(const delivery_report& msg) {
  line_.clear();
  line_ += "{\"topic\":";
  append_json_string(msg.topic, line_);
  line_ += ",\"partition\":";
  line_ += std::to_string(msg.partition);
  line_ += ",\"offset\":";
  line_ += std::to_string(msg.offset);
  line_ += ",\"key\":";
  append_json_string(msg.key, line_);
  line_ += ",\"timestamp\":";
  // The CreateTime the producer set (see event_producer::send).
  line_ += std::to_string(reinterpret_cast<intptr_t>(msg.opaque));
  line_ += ",\"value\":";
  append_json_string(msg.value, line_);
  line_ += "}\n";
  dump_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  if (!dump_)
    fatal(make_gen_error(gen_errc::dump_write,
                         "writing '" + dump_path_ + "' failed"));
}

caf::error delivery_log::finish() {
  if (dump_.is_open()) {
    dump_.close();
    if (!dump_)
      fatal(make_gen_error(gen_errc::dump_write,
                           "closing '" + dump_path_ + "' failed"));
  }
  return problem();
}

} // namespace hot::gen
