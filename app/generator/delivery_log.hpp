// Where the producer's delivery reports land: counts, and the dump file.
#pragma once

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <librdkafka/rdkafka.h>

namespace hot::gen {

/// Receives librdkafka's delivery reports and error events for one
/// producer. librdkafka keeps a pointer to it (the conf opaque), so it
/// lives on the heap at a fixed address. Callbacks run inside
/// rd_kafka_poll/flush on the generator's own thread: no locking needed.
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

  /// Routes `conf`'s delivery reports and error events here.
  void attach(rd_kafka_conf_t* conf);

  uint64_t delivered() const {
    return delivered_;
  }

  uint64_t failed() const {
    return failed_;
  }

  /// Set once the run cannot go on: a fatal producer error or a failed
  /// dump write.
  const caf::error& problem() const {
    return problem_;
  }

  /// Flushes and closes the dump file.
  caf::error finish();

private:
  delivery_log() = default;

  static void on_delivery(rd_kafka_t* client, const rd_kafka_message_t* msg,
                          void* opaque);
  static void on_error(rd_kafka_t* client, int code, const char* reason,
                       void* opaque);

  void record(const rd_kafka_message_t& msg);
  void write_dump(const rd_kafka_message_t& msg);

  std::string dump_path_;
  std::ofstream dump_;
  std::string line_;
  uint64_t delivered_ = 0;
  uint64_t failed_ = 0;
  rd_kafka_resp_err_t last_failure_ = RD_KAFKA_RESP_ERR_NO_ERROR;
  caf::error problem_;
};

} // namespace hot::gen
