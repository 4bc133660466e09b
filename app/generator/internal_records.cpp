// Reads the internal topic back as text: its records are binary, so kcat
// alone cannot show them.
#include "app/generator/internal_records.hpp"

#include "actors/kafka/kafka_admin.hpp"
#include "actors/kafka/kafka_handles.hpp"
#include "actors/kafka/kafka_producer.hpp"
#include "messages/by_article.hpp"
#include "messages/decode_error.hpp"
#include "messages/event_decoder.hpp"
#include "messages/event_encoder.hpp"
#include "messages/internal_record.hpp"

namespace hot::gen {

namespace {

constexpr std::chrono::milliseconds metadata_timeout{10'000};

caf::expected<kafka_client>
open_consumer(const internal_dump_options& options) {
  std::map<std::string, std::string> properties{
    {"bootstrap.servers", options.brokers},
    // Partitions are assigned, never subscribed, and nothing is committed:
    // the group id is only a name librdkafka asks for.
    {"group.id", "hot-articles-gen-decode-internal"},
    {"enable.auto.commit", "false"},
    {"enable.partition.eof", "false"},
    {"log_level", "3"}};
  for (const auto& [name, value] : options.properties)
    properties[name] = value;
  auto conf = make_kafka_conf(properties);
  if (!conf)
    return std::move(conf.error());
  return make_kafka_client(RD_KAFKA_CONSUMER, *conf);
}

// The admin client's lookup, which never creates the topic.
caf::expected<int32_t> partition_count(const internal_dump_options& options) {
  std::map<std::string, std::string> properties{
    {"bootstrap.servers", options.brokers}};
  for (const auto& [name, value] : options.properties)
    if (!consumer_only_property(name))
      properties[name] = value;
  auto admin = kafka_admin::open(properties);
  if (!admin)
    return std::move(admin.error());
  auto found = admin->partition_count(options.topic, metadata_timeout);
  if (!found)
    return std::move(found.error());
  if (!*found)
    return kafka_error(RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC,
                       "topic " + options.topic
                         + " (the internal topic is named "
                           "{kafka.group-id}-by-article)");
  return **found;
}

// Prints one partition from `low` to `high` (exclusive).
caf::error print_partition(rd_kafka_t* consumer,
                           const internal_dump_options& options,
                           int32_t partition, int64_t low, int64_t high,
                           std::FILE* out, uint64_t& printed) {
  auto list = make_partition_list();
  rd_kafka_topic_partition_list_add(list.get(), options.topic.c_str(),
                                    partition)
    ->offset
    = low;
  if (auto err = rd_kafka_assign(consumer, list.get()))
    return kafka_error(err, "assign " + options.topic);
  event_decoder json;
  auto next = low;
  while (next < high) {
    kafka_message msg{rd_kafka_consumer_poll(
      consumer, static_cast<int>(options.patience.count()))};
    if (!msg)
      return kafka_error(RD_KAFKA_RESP_ERR__TIMED_OUT,
                         "no record of " + options.topic + " ["
                           + std::to_string(partition) + "] at offset "
                           + std::to_string(next));
    if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR)
      return kafka_error(msg->err, "read " + options.topic);
    std::string_view key{static_cast<const char*>(msg->key), msg->key_len};
    std::string_view value{static_cast<const char*>(msg->payload), msg->len};
    auto line = std::to_string(partition) + "@" + std::to_string(msg->offset)
                + " " + std::string{key} + " "
                + describe_internal_record(key, value, json) + "\n";
    std::fputs(line.c_str(), out);
    ++printed;
    next = msg->offset + 1;
  }
  rd_kafka_assign(consumer, nullptr);
  return caf::none;
}

} // namespace

std::string describe_internal_record(std::string_view key,
                                     std::string_view value,
                                     event_decoder& json) {
  if (key == watermark_key) {
    auto mark = decode_watermark(value);
    if (!mark)
      return "unreadable: malformed watermark";
    return "watermark " + mark->source.topic + "/"
           + std::to_string(mark->source.partition) + " "
           + std::to_string(
             std::chrono::duration_cast<std::chrono::milliseconds>(
               mark->stream_time.time_since_epoch())
               .count());
  }
  auto ev = decode_internal_record(value, json);
  if (!ev)
    return "unreadable: " + describe(ev.error());
  return encode_event(*ev);
}

caf::expected<uint64_t>
print_internal_records(const internal_dump_options& options, std::FILE* out) {
  auto consumer = open_consumer(options);
  if (!consumer)
    return std::move(consumer.error());
  auto partitions = partition_count(options);
  if (!partitions)
    return std::move(partitions.error());
  uint64_t printed = 0;
  for (int32_t p = 0; p < *partitions; ++p) {
    int64_t low = 0;
    int64_t high = 0;
    auto err = rd_kafka_query_watermark_offsets(
      consumer->get(), options.topic.c_str(), p, &low, &high,
      static_cast<int>(metadata_timeout.count()));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
      return kafka_error(err, "offsets of " + options.topic);
    if (high > low)
      if (auto failed = print_partition(consumer->get(), options, p, low, high,
                                        out, printed))
        return failed;
  }
  rd_kafka_consumer_close(consumer->get());
  return printed;
}

} // namespace hot::gen
