// RAII owners of librdkafka's C handles, and the one place its error codes
// become typed errors.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <caf/expected.hpp>
#include <librdkafka/rdkafka.h>

#include "actors/io/io_error.hpp"

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

inline partition_list make_partition_list(int capacity = 1) {
  return partition_list{rd_kafka_topic_partition_list_new(capacity)};
}

} // namespace hot
