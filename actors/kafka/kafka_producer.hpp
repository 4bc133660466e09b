// An owned librdkafka producer: delivery reports on a thread of its own,
// and one flush-then-purge shutdown.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <caf/expected.hpp>

#include "actors/kafka/kafka_handles.hpp"

namespace hot {

/// Called for every delivery report, on the producer's delivery thread.
using delivery_handler = std::function<void(const rd_kafka_message_t&)>;

/// Called once librdkafka raises a fatal error (an idempotent producer
/// that lost its sequence, say): nothing more will be delivered.
using fatal_handler = std::function<void(const caf::error&)>;

/// A delivery report in the project's terms.
struct delivery_report {
  std::string_view topic;
  int32_t partition = -1;
  int64_t offset = -1;
  std::string_view key;
  std::string_view value;
  /// The produce_request's opaque.
  void* opaque = nullptr;
  /// Empty when delivered.
  caf::error error;
  /// librdkafka's text for the failure ("Local: Message timed out"); the
  /// same for every failure of one kind.
  std::string_view failure;
};

/// Reads a raw report (valid while the report is).
delivery_report read_report(const rd_kafka_message_t& msg);

/// Called for every delivery report, read into the project's terms (valid
/// during the call), on the producer's delivery thread.
using report_handler = std::function<void(const delivery_report&)>;

/// One message for `kafka_producer::send`: partitioned by the producer's
/// partitioner.
struct outgoing_message {
  std::string_view key;
  std::string_view value;
  int64_t timestamp_ms = 0; // 0: librdkafka stamps it
  void* opaque = nullptr;   // handed back in the delivery report
};

/// What `kafka_producer::send` did: on queue_full nothing was queued (wait
/// for deliveries, then send it again).
enum class send_outcome { queued, queue_full };

/// Owns a producer handle. Delivery reports reach librdkafka's callers only
/// through poll, so a thread of its own polls until `close`, which flushes
/// what is queued for up to a timeout and purges the rest (their reports
/// then say so) before the handle is destroyed.
class kafka_producer {
public:
  /// Properties pass through; consumer-only ones (a consumer's settings
  /// are often shared with its producers) are left out so librdkafka does
  /// not warn about each.
  static caf::expected<std::unique_ptr<kafka_producer>>
  start(std::map<std::string, std::string> properties,
        delivery_handler on_delivery, std::string client_id,
        fatal_handler on_fatal = {});

  /// `start` for callers that need no librdkafka types: each report is
  /// read with `read_report` before `on_report` sees it.
  static caf::expected<std::unique_ptr<kafka_producer>>
  start(std::map<std::string, std::string> properties, report_handler on_report,
        std::string client_id, fatal_handler on_fatal = {});

  ~kafka_producer();

  kafka_producer(const kafka_producer&) = delete;
  kafka_producer& operator=(const kafka_producer&) = delete;

  /// Null on success; QUEUE_FULL means the local queue is at its bound.
  kafka_error_ptr produce(const produce_request& msg);

  /// Waits up to `timeout` for outstanding deliveries, then purges what is
  /// left. Returns how many messages were purged. Idempotent.
  size_t close(std::chrono::milliseconds timeout);

  /// Messages queued or in flight.
  int outstanding() const;

  /// A handle of `topic` for produce_request::topic, which spares each
  /// send the lookup by name; owned by the producer. Null on failure.
  caf::expected<rd_kafka_topic_t*> topic(const std::string& name);

  rd_kafka_t* handle() const {
    return client_.get();
  }

  /// Opens `name` for `send`, which then names it by the number returned:
  /// sends skip the lookup by name.
  caf::expected<size_t> add_topic(const std::string& name);

  /// Queues a copy of `msg` to a topic from `add_topic`; an error names the
  /// topic.
  caf::expected<send_outcome> send(size_t topic, const outgoing_message& msg);

private:
  kafka_producer() = default;

  static void on_report(rd_kafka_t*, const rd_kafka_message_t* msg,
                        void* opaque);
  static void on_error(rd_kafka_t* client, int code, const char* reason,
                       void* opaque);

  struct topic_deleter {
    void operator()(rd_kafka_topic_t* topic) const {
      rd_kafka_topic_destroy(topic);
    }
  };

  delivery_handler on_delivery_;
  fatal_handler on_fatal_;
  kafka_client client_;
  // Destroyed before the client they belong to.
  std::map<std::string, std::unique_ptr<rd_kafka_topic_t, topic_deleter>>
    topics_;
  // `add_topic`'s, in order: handles owned by topics_, and their names.
  std::vector<std::pair<rd_kafka_topic_t*, std::string>> send_topics_;
  std::atomic<bool> closed_{false};
  std::thread poller_;
};

/// Whether librdkafka documents `name` as a consumer-only property.
bool consumer_only_property(const std::string& name);

} // namespace hot
