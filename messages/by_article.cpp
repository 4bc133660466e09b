// The by-article hop: which internal partition owns an article, and the
// watermark records that carry each source partition's stream time across.
#include "messages/by_article.hpp"

#include <charconv>

#include <librdkafka/rdkafka.h>

namespace hot {

std::string by_article_key(article_id article) {
  return std::to_string(article.value());
}

int32_t by_article_partition(article_id article, int32_t partitions) {
  return by_article_partition(by_article_key(article), partitions);
}

int32_t by_article_partition(std::string_view key, int32_t partitions) {
  // librdkafka's consistent murmur2 partitioner is the Java client's
  // (toPositive(murmur2(key)) % partitions); it reads neither the topic
  // nor the opaques.
  return rd_kafka_msg_partitioner_murmur2(nullptr, key.data(), key.size(),
                                          partitions, nullptr, nullptr);
}

std::string encode_watermark(const source_watermark& mark) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
              mark.stream_time.time_since_epoch())
              .count();
  return std::to_string(ms) + ' ' + std::to_string(mark.source.partition) + ' '
         + mark.source.topic;
}

std::optional<source_watermark> decode_watermark(std::string_view value) {
  auto first = value.find(' ');
  if (first == std::string_view::npos)
    return std::nullopt;
  auto second = value.find(' ', first + 1);
  if (second == std::string_view::npos || second + 1 >= value.size())
    return std::nullopt;
  int64_t ms = 0;
  int32_t partition = 0;
  const auto* begin = value.data();
  auto [ms_end, ms_err] = std::from_chars(begin, begin + first, ms);
  auto [p_end, p_err] = std::from_chars(begin + first + 1, begin + second,
                                        partition);
  if (ms_err != std::errc{} || ms_end != begin + first || p_err != std::errc{}
      || p_end != begin + second || partition < 0)
    return std::nullopt;
  auto topic = value.substr(second + 1);
  if (topic.find(' ') != std::string_view::npos)
    return std::nullopt;
  return source_watermark{partition_ref{std::string{topic}, partition},
                          instant{std::chrono::milliseconds{ms}}};
}

} // namespace hot
