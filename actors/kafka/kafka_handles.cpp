// RAII owners of librdkafka's C handles, and the one place its error codes
// become typed errors.
#include "actors/kafka/kafka_handles.hpp"

#include <array>

#include "common/logger.hpp"

namespace hot {

caf::error kafka_error(rd_kafka_resp_err_t code, std::string_view context) {
  std::string text{context};
  text += ": ";
  text += rd_kafka_err2str(code);
  text += " (";
  text += rd_kafka_err2name(code);
  text += ')';
  return caf::make_error(kafka_errc::call, std::move(text));
}

caf::error kafka_error(rd_kafka_error_t* error, std::string_view context) {
  kafka_error_ptr owned{error};
  std::string text{context};
  text += ": ";
  text += rd_kafka_error_string(error);
  return caf::make_error(kafka_errc::call, std::move(text));
}

namespace {

void log_line(const rd_kafka_t*, int level, const char* facility,
              const char* text) {
  // syslog levels: 0-3 errors, 4-5 warnings, the rest chatter.
  auto lvl = level <= 3   ? log::level::error
             : level <= 5 ? log::level::warn
                          : log::level::debug;
  HOT_LOG(lvl, "librdkafka", facility << ": " << text);
}

} // namespace

void route_kafka_logs(rd_kafka_conf_t* conf) {
  rd_kafka_conf_set_log_cb(conf, log_line);
}

caf::expected<kafka_conf>
make_kafka_conf(const std::map<std::string, std::string>& properties) {
  kafka_conf conf{rd_kafka_conf_new()};
  std::array<char, 512> reason{};
  for (const auto& [name, value] : properties) {
    if (rd_kafka_conf_set(conf.get(), name.c_str(), value.c_str(),
                          reason.data(), reason.size())
        != RD_KAFKA_CONF_OK)
      return caf::make_error(kafka_errc::config,
                             name + "=" + value + ": " + reason.data());
  }
  return conf;
}

caf::expected<kafka_client> make_kafka_client(rd_kafka_type_t type,
                                              kafka_conf& conf) {
  std::array<char, 512> reason{};
  auto* client = rd_kafka_new(type, conf.get(), reason.data(), reason.size());
  if (client == nullptr)
    return caf::make_error(kafka_errc::client, std::string{reason.data()});
  // rd_kafka_new owns the configuration from here on.
  (void) conf.release();
  return kafka_client{client};
}

} // namespace hot

namespace hot {

kafka_error_ptr produce_copy(rd_kafka_t* producer, const produce_request& msg) {
  std::vector<rd_kafka_vu_t> args;
  args.reserve(8);
  auto add = [&args](rd_kafka_vtype_t type) -> rd_kafka_vu_t& {
    args.push_back(rd_kafka_vu_t{});
    args.back().vtype = type;
    return args.back();
  };
  if (msg.topic != nullptr)
    add(RD_KAFKA_VTYPE_RKT).u.rkt = msg.topic;
  else
    add(RD_KAFKA_VTYPE_TOPIC).u.cstr = msg.topic_name;
  add(RD_KAFKA_VTYPE_PARTITION).u.i32 = msg.partition;
  auto& key = add(RD_KAFKA_VTYPE_KEY);
  key.u.mem.ptr = const_cast<char*>(msg.key.data());
  key.u.mem.size = msg.key.size();
  auto& value = add(RD_KAFKA_VTYPE_VALUE);
  value.u.mem.ptr = const_cast<char*>(msg.value.data());
  value.u.mem.size = msg.value.size();
  add(RD_KAFKA_VTYPE_MSGFLAGS).u.i = RD_KAFKA_MSG_F_COPY;
  add(RD_KAFKA_VTYPE_TIMESTAMP).u.i64 = msg.timestamp_ms;
  add(RD_KAFKA_VTYPE_OPAQUE).u.ptr = msg.opaque;
  rd_kafka_headers_t* headers = nullptr;
  if (!msg.headers.empty()) {
    headers = rd_kafka_headers_new(msg.headers.size());
    for (const auto& h : msg.headers)
      rd_kafka_header_add(headers, h.name, -1, h.value.data(),
                          static_cast<ssize_t>(h.value.size()));
    add(RD_KAFKA_VTYPE_HEADERS).u.headers = headers;
  }
  kafka_error_ptr error{rd_kafka_produceva(producer, args.data(), args.size())};
  // Headers belong to librdkafka only once a produce succeeds.
  if (error && headers != nullptr)
    rd_kafka_headers_destroy(headers);
  return error;
}

bool is_queue_full(const rd_kafka_error_t& error) {
  return rd_kafka_error_code(&error) == RD_KAFKA_RESP_ERR__QUEUE_FULL;
}

} // namespace hot
