// The internal topics the service creates for itself, such as the events
// re-keyed by article: created when missing, checked when present.
#include "by_article/internal_topic.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <memory>
#include <optional>
#include <thread>

#include <librdkafka/rdkafka.h>

#include "kafka/kafka_error.hpp"
#include "kafka/kafka_handles.hpp"

namespace hot {

namespace {

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

/// The setting that chooses the count, named in errors so that operators
/// know what to change.
constexpr std::string_view partitions_setting = "kafka.by-article-partitions";

struct admin_deleter {
  void operator()(rd_kafka_NewTopic_t* x) const {
    rd_kafka_NewTopic_destroy(x);
  }
  void operator()(rd_kafka_AdminOptions_t* x) const {
    rd_kafka_AdminOptions_destroy(x);
  }
  void operator()(rd_kafka_event_t* x) const {
    rd_kafka_event_destroy(x);
  }
  void operator()(const rd_kafka_metadata_t* x) const {
    rd_kafka_metadata_destroy(x);
  }
};

using new_topic_ptr = std::unique_ptr<rd_kafka_NewTopic_t, admin_deleter>;
using admin_options_ptr
  = std::unique_ptr<rd_kafka_AdminOptions_t, admin_deleter>;
using event_ptr = std::unique_ptr<rd_kafka_event_t, admin_deleter>;
using metadata_ptr = std::unique_ptr<const rd_kafka_metadata_t, admin_deleter>;

int to_ms(std::chrono::milliseconds x) {
  return static_cast<int>(
    std::clamp<std::chrono::milliseconds::rep>(x.count(), 1, INT_MAX));
}

std::chrono::milliseconds time_left(steady::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline
                                                               - steady::now());
}

caf::expected<kafka_client>
open_client(const std::map<std::string, std::string>& client_properties) {
  auto properties = client_properties;
  // A safeguard only: the metadata requests below name no topic.
  properties["allow.auto.create.topics"] = "false";
  auto conf = make_kafka_conf(properties);
  if (!conf)
    return conf.error();
  route_kafka_logs(conf->get());
  return make_kafka_client(RD_KAFKA_PRODUCER, *conf);
}

/// The topic's partition count, or nothing when the cluster has no such
/// topic.
caf::expected<std::optional<int32_t>>
lookup(rd_kafka_t* client, const std::string& topic,
       std::chrono::milliseconds timeout) {
  // The request asks for all topics, not for this one: a request naming a
  // topic lets brokers with auto-creation on create it, and the mock
  // cluster creates it (with 4 partitions) whatever the client asks, as it
  // speaks Metadata v2, older than the flag that says no. Read once at
  // start, the longer answer costs little.
  const rd_kafka_metadata_t* raw = nullptr;
  auto err = rd_kafka_metadata(client, 1, nullptr, &raw, to_ms(timeout));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return kafka_error(err, "metadata for topic " + topic);
  metadata_ptr metadata{raw};
  for (int i = 0; i < metadata->topic_cnt; ++i) {
    const auto& entry = metadata->topics[i];
    if (topic != entry.topic)
      continue;
    // Partitions without a leader still count; a topic being created may
    // have none listed yet, which reads as missing.
    if (entry.partition_cnt > 0)
      return std::optional<int32_t>{entry.partition_cnt};
    if (entry.err == RD_KAFKA_RESP_ERR_NO_ERROR
        || entry.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART
        || entry.err == RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE)
      return std::optional<int32_t>{};
    return kafka_error(entry.err, "metadata for topic " + topic);
  }
  return std::optional<int32_t>{};
}

caf::error check_count(const std::string& topic, int32_t found,
                       int32_t wanted) {
  if (found == wanted)
    return {};
  // Events are spread over the partitions by article, so a count that
  // differs from the one the group was started with would route an
  // article to another partition, and another member, than its history.
  auto found_text = std::to_string(found);
  auto wanted_text = std::to_string(wanted);
  std::string text = "topic " + topic + " has " + found_text
                     + " partitions, but " + wanted_text + " are wanted (";
  text += partitions_setting;
  text += "=" + wanted_text + "): set ";
  text += partitions_setting;
  text += "=" + found_text + ", or recreate the topic with " + wanted_text
          + " partitions";
  return caf::make_error(kafka_errc::config, std::move(text));
}

caf::error cannot_create(const std::string& topic, int32_t partitions,
                         std::string_view reason) {
  std::string text = "cannot create topic " + topic + ": ";
  text += reason;
  text += "; create it by hand with " + std::to_string(partitions)
          + " partitions (";
  text += partitions_setting;
  text += ")";
  return caf::make_error(kafka_errc::call, std::move(text));
}

/// Asks the brokers for the topic. One that exists already counts as
/// created: another member of the group may have been first.
caf::error create(rd_kafka_t* client, const std::string& topic,
                  int32_t partitions, std::chrono::milliseconds timeout) {
  std::array<char, 512> reason{};
  // Replication factor -1: the brokers' default.replication.factor.
  new_topic_ptr request{rd_kafka_NewTopic_new(topic.c_str(), partitions, -1,
                                              reason.data(), reason.size())};
  if (!request)
    return cannot_create(topic, partitions, reason.data());
  admin_options_ptr options{
    rd_kafka_AdminOptions_new(client, RD_KAFKA_ADMIN_OP_CREATETOPICS)};
  // The operation timeout makes the controller answer only once the topic
  // exists on the brokers; without it, it answers when it starts.
  if (rd_kafka_AdminOptions_set_request_timeout(options.get(), to_ms(timeout),
                                                reason.data(), reason.size())
        != RD_KAFKA_RESP_ERR_NO_ERROR
      || rd_kafka_AdminOptions_set_operation_timeout(
           options.get(), to_ms(timeout), reason.data(), reason.size())
           != RD_KAFKA_RESP_ERR_NO_ERROR)
    return cannot_create(topic, partitions, reason.data());
  kafka_queue results{rd_kafka_queue_new(client)};
  auto* requests = request.get();
  rd_kafka_CreateTopics(client, &requests, 1, options.get(), results.get());
  // librdkafka answers by the request timeout, also when no broker does
  // (the mock cluster names no controller: "Failed while waiting for
  // controller"); the extra second only guards the wait.
  event_ptr answer{rd_kafka_queue_poll(results.get(), to_ms(timeout + 1s))};
  if (!answer)
    return cannot_create(topic, partitions, "no answer from librdkafka");
  if (rd_kafka_event_error(answer.get()) != RD_KAFKA_RESP_ERR_NO_ERROR)
    return cannot_create(topic, partitions,
                         rd_kafka_event_error_string(answer.get()));
  size_t count = 0;
  const auto* result = rd_kafka_event_CreateTopics_result(answer.get());
  const auto* const* topics = rd_kafka_CreateTopics_result_topics(result,
                                                                  &count);
  for (size_t i = 0; i < count; ++i) {
    auto err = rd_kafka_topic_result_error(topics[i]);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR
        || err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
      continue;
    const char* text = rd_kafka_topic_result_error_string(topics[i]);
    return cannot_create(topic, partitions,
                         text != nullptr ? text : rd_kafka_err2str(err));
  }
  return {};
}

} // namespace

caf::error
ensure_topic(const std::map<std::string, std::string>& client_properties,
             const std::string& topic, int32_t partitions,
             std::chrono::milliseconds timeout) {
  if (partitions < 1)
    return caf::make_error(kafka_errc::config,
                           "topic " + topic + " needs at least 1 partition, "
                             + std::to_string(partitions) + " are wanted");
  auto deadline = steady::now() + timeout;
  auto client = open_client(client_properties);
  if (!client)
    return client.error();
  auto found = lookup(client->get(), topic, time_left(deadline));
  // No answer at all: the brokers are away, which a retry may fix.
  if (!found)
    return caf::make_error(kafka_errc::unavailable,
                           describe_kafka(found.error()));
  if (*found)
    return check_count(topic, **found, partitions);
  if (auto err = create(client->get(), topic, partitions, time_left(deadline)))
    return err;
  // Brokers other than the controller learn of a new topic a moment after
  // it answers.
  caf::error last;
  do {
    auto created = lookup(client->get(), topic, time_left(deadline));
    if (created && *created)
      return check_count(topic, **created, partitions);
    last = created ? caf::error{} : created.error();
    std::this_thread::sleep_for(100ms);
  } while (steady::now() < deadline);
  std::string text = "topic " + topic + " was created but is not listed yet";
  if (last)
    text += " (" + describe_kafka(last) + ")";
  return caf::make_error(kafka_errc::call, std::move(text));
}

caf::expected<int32_t>
partition_count(const std::map<std::string, std::string>& client_properties,
                const std::string& topic, std::chrono::milliseconds timeout) {
  auto client = open_client(client_properties);
  if (!client)
    return client.error();
  auto found = lookup(client->get(), topic, timeout);
  if (!found)
    return found.error();
  if (!*found)
    return kafka_error(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
                       "partition count of topic " + topic);
  return **found;
}

} // namespace hot
