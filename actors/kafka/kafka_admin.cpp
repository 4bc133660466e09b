// An owned admin client: topic metadata and topic creation.
#include "actors/kafka/kafka_admin.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <memory>

namespace hot {

namespace {

using namespace std::chrono_literals;

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

caf::error refused(std::string reason) {
  return caf::make_error(kafka_errc::call, std::move(reason));
}

} // namespace

kafka_admin::kafka_admin(kafka_client client) : client_(std::move(client)) {
}

caf::expected<kafka_admin>
kafka_admin::open(const std::map<std::string, std::string>& client_properties) {
  auto properties = client_properties;
  // A safeguard only: the metadata requests below name no topic.
  properties["allow.auto.create.topics"] = "false";
  auto conf = make_kafka_conf(properties);
  if (!conf)
    return conf.error();
  route_kafka_logs(conf->get());
  auto client = make_kafka_client(RD_KAFKA_PRODUCER, *conf);
  if (!client)
    return client.error();
  return kafka_admin{std::move(*client)};
}

caf::expected<std::optional<int32_t>>
kafka_admin::partition_count(const std::string& topic,
                             std::chrono::milliseconds timeout) {
  // The request asks for all topics, not for this one: a request naming a
  // topic lets brokers with auto-creation on create it, and the mock
  // cluster creates it (with 4 partitions) whatever the client asks, as it
  // speaks Metadata v2, older than the flag that says no. Read once at
  // start, the longer answer costs little.
  const rd_kafka_metadata_t* raw = nullptr;
  auto err = rd_kafka_metadata(client_.get(), 1, nullptr, &raw, to_ms(timeout));
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

caf::error kafka_admin::create_topic(const std::string& topic,
                                     int32_t partitions,
                                     std::chrono::milliseconds timeout) {
  std::array<char, 512> reason{};
  // Replication factor -1: the brokers' default.replication.factor.
  new_topic_ptr request{rd_kafka_NewTopic_new(topic.c_str(), partitions, -1,
                                              reason.data(), reason.size())};
  if (!request)
    return refused(reason.data());
  admin_options_ptr options{
    rd_kafka_AdminOptions_new(client_.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS)};
  // The operation timeout makes the controller answer only once the topic
  // exists on the brokers; without it, it answers when it starts.
  if (rd_kafka_AdminOptions_set_request_timeout(options.get(), to_ms(timeout),
                                                reason.data(), reason.size())
        != RD_KAFKA_RESP_ERR_NO_ERROR
      || rd_kafka_AdminOptions_set_operation_timeout(
           options.get(), to_ms(timeout), reason.data(), reason.size())
           != RD_KAFKA_RESP_ERR_NO_ERROR)
    return refused(reason.data());
  kafka_queue results{rd_kafka_queue_new(client_.get())};
  auto* requests = request.get();
  rd_kafka_CreateTopics(client_.get(), &requests, 1, options.get(),
                        results.get());
  // librdkafka answers by the request timeout, also when no broker does
  // (the mock cluster names no controller: "Failed while waiting for
  // controller"); the extra second only guards the wait.
  event_ptr answer{rd_kafka_queue_poll(results.get(), to_ms(timeout + 1s))};
  if (!answer)
    return refused("no answer from librdkafka");
  if (rd_kafka_event_error(answer.get()) != RD_KAFKA_RESP_ERR_NO_ERROR)
    return refused(rd_kafka_event_error_string(answer.get()));
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
    return refused(text != nullptr ? text : rd_kafka_err2str(err));
  }
  return {};
}

} // namespace hot
