// RAII owners of librdkafka's C handles, and the one place its error codes
// become typed errors.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <caf/expected.hpp>
#include <librdkafka/rdkafka.h>

#include "actors/kafka/kafka_error.hpp"

namespace hot {

struct kafka_deleter {
  void operator()(rd_kafka_t* x) const {
    rd_kafka_destroy(x);
  }
  void operator()(rd_kafka_conf_t* x) const {
    rd_kafka_conf_destroy(x);
  }
  void operator()(rd_kafka_queue_t* x) const {
    rd_kafka_queue_destroy(x);
  }
  void operator()(rd_kafka_message_t* x) const {
    rd_kafka_message_destroy(x);
  }
  void operator()(rd_kafka_topic_partition_list_t* x) const {
    rd_kafka_topic_partition_list_destroy(x);
  }
  void operator()(rd_kafka_error_t* x) const {
    rd_kafka_error_destroy(x);
  }
};

using kafka_client = std::unique_ptr<rd_kafka_t, kafka_deleter>;
using kafka_conf = std::unique_ptr<rd_kafka_conf_t, kafka_deleter>;
using kafka_queue = std::unique_ptr<rd_kafka_queue_t, kafka_deleter>;
using kafka_message = std::unique_ptr<rd_kafka_message_t, kafka_deleter>;
using partition_list
  = std::unique_ptr<rd_kafka_topic_partition_list_t, kafka_deleter>;
using kafka_error_ptr = std::unique_ptr<rd_kafka_error_t, kafka_deleter>;

/// The one conversion of a librdkafka error code; `context` names the call.
caf::error kafka_error(rd_kafka_resp_err_t code, std::string_view context);

/// Same for the rd_kafka_error_t objects newer calls return (consumed).
caf::error kafka_error(rd_kafka_error_t* error, std::string_view context);

/// A configuration with every property set, or the first one rejected.
caf::expected<kafka_conf>
make_kafka_conf(const std::map<std::string, std::string>& properties);

/// Sends librdkafka's own log lines to the project's logger.
void route_kafka_logs(rd_kafka_conf_t* conf);

/// Creates a client; takes `conf` only on success, as librdkafka does.
caf::expected<kafka_client> make_kafka_client(rd_kafka_type_t type,
                                              kafka_conf& conf);

/// A message to produce; key and value are copied by librdkafka.
/// One record header; both are copied when the record is queued.
struct kafka_header {
  const char* name;
  std::string_view value;
};

struct produce_request {
  rd_kafka_topic_t* topic = nullptr; // a topic handle, or else:
  const char* topic_name = nullptr;
  int32_t partition = RD_KAFKA_PARTITION_UA;
  std::string_view key;
  std::string_view value;
  int64_t timestamp_ms = 0; // 0: librdkafka stamps it
  void* opaque = nullptr;   // handed back in the delivery report
  std::vector<kafka_header> headers;
};

/// rd_kafka_produceva with the argument list filled in (the RD_KAFKA_V_*
/// macros expand to C casts). Null on success; QUEUE_FULL means poll and
/// retry.
kafka_error_ptr produce_copy(rd_kafka_t* producer, const produce_request& msg);

/// The local queue is at its bound: poll (or wait), then send again.
bool is_queue_full(const rd_kafka_error_t& error);

inline partition_list make_partition_list(int capacity = 1) {
  return partition_list{rd_kafka_topic_partition_list_new(capacity)};
}

} // namespace hot
