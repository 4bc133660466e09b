// Where the producer's delivery reports land: counts, and the dump file.
#include "app/generator/delivery_log.hpp"

#include <array>
#include <cstdint>
#include <string_view>

#include "app/generator/gen_error.hpp"
#include "common/logger.hpp"
#include "kafka/kafka_handles.hpp"
#include "messages/event_encoder.hpp"

namespace hot::gen {

namespace {

std::string_view bytes_of(const void* data, size_t size) {
  if (data == nullptr)
    return {};
  return {static_cast<const char*>(data), size};
}

} // namespace

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

void delivery_log::attach(rd_kafka_conf_t* conf) {
  rd_kafka_conf_set_opaque(conf, this);
  rd_kafka_conf_set_dr_msg_cb(conf, &delivery_log::on_delivery);
  rd_kafka_conf_set_error_cb(conf, &delivery_log::on_error);
}

void delivery_log::on_delivery(rd_kafka_t*, const rd_kafka_message_t* msg,
                               void* opaque) {
  static_cast<delivery_log*>(opaque)->record(*msg);
}

void delivery_log::on_error(rd_kafka_t* client, int code, const char* reason,
                            void* opaque) {
  auto* self = static_cast<delivery_log*>(opaque);
  auto err = static_cast<rd_kafka_resp_err_t>(code);
  if (err != RD_KAFKA_RESP_ERR__FATAL) {
    // Broker disconnects and the like: librdkafka retries on its own and
    // already logs them.
    HOT_LOG_DEBUG("generator", "kafka: " << reason);
    return;
  }
  std::array<char, 512> detail{};
  auto cause = rd_kafka_fatal_error(client, detail.data(), detail.size());
  HOT_LOG_ERROR("generator", "fatal kafka error: " << detail.data());
  if (!self->problem_)
    self->problem_ = kafka_error(cause,
                                 std::string{"producer: "} + detail.data());
}

void delivery_log::record(const rd_kafka_message_t& msg) {
  if (msg.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++failed_;
    // One line per kind of failure, not one per message.
    if (msg.err != last_failure_) {
      last_failure_ = msg.err;
      HOT_LOG_WARN("generator", "delivery failed: " << rd_kafka_err2str(msg.err)
                                                    << " (further failures "
                                                       "of this kind counted "
                                                       "silently)");
    }
    return;
  }
  ++delivered_;
  if (dump_.is_open() && !problem_)
    write_dump(msg);
}

void delivery_log::write_dump(const rd_kafka_message_t& msg) {
  line_.clear();
  line_ += "{\"topic\":";
  append_json_string(rd_kafka_topic_name(msg.rkt), line_);
  line_ += ",\"partition\":";
  line_ += std::to_string(msg.partition);
  line_ += ",\"offset\":";
  line_ += std::to_string(msg.offset);
  line_ += ",\"key\":";
  append_json_string(bytes_of(msg.key, msg.key_len), line_);
  line_ += ",\"timestamp\":";
  // The CreateTime the producer set (see event_producer::send).
  line_ += std::to_string(reinterpret_cast<intptr_t>(msg._private));
  line_ += ",\"value\":";
  append_json_string(bytes_of(msg.payload, msg.len), line_);
  line_ += "}\n";
  dump_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  if (!dump_)
    problem_ = make_gen_error(gen_errc::dump_write,
                              "writing '" + dump_path_ + "' failed");
}

caf::error delivery_log::finish() {
  if (!dump_.is_open())
    return problem_;
  dump_.close();
  if (!dump_ && !problem_)
    problem_ = make_gen_error(gen_errc::dump_write,
                              "closing '" + dump_path_ + "' failed");
  return problem_;
}

} // namespace hot::gen
