// The by-article hop: which internal partition owns an article, and the
// watermark records that carry each source partition's stream time across.
#include "messages/by_article.hpp"

#include <charconv>

namespace hot {

int32_t murmur2(std::string_view bytes) {
  // Constants and mixing as in org.apache.kafka.common.utils.Utils.
  constexpr uint32_t seed = 0x9747b28c;
  constexpr uint32_t m = 0x5bd1e995;
  constexpr int r = 24;
  auto length = static_cast<uint32_t>(bytes.size());
  uint32_t h = seed ^ length;
  auto byte = [&](size_t i) {
    return static_cast<uint32_t>(static_cast<unsigned char>(bytes[i]));
  };
  size_t blocks = bytes.size() / 4;
  for (size_t i = 0; i < blocks; ++i) {
    size_t at = i * 4;
    uint32_t k = byte(at) | (byte(at + 1) << 8) | (byte(at + 2) << 16)
                 | (byte(at + 3) << 24);
    k *= m;
    k ^= k >> r;
    k *= m;
    h *= m;
    h ^= k;
  }
  size_t tail = blocks * 4;
  switch (bytes.size() % 4) {
    case 3:
      h ^= byte(tail + 2) << 16;
      [[fallthrough]];
    case 2:
      h ^= byte(tail + 1) << 8;
      [[fallthrough]];
    case 1:
      h ^= byte(tail);
      h *= m;
      break;
    default:
      break;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return static_cast<int32_t>(h);
}

std::string by_article_key(article_id article) {
  return std::to_string(article.value());
}

int32_t by_article_partition(article_id article, int32_t partitions) {
  return by_article_partition(by_article_key(article), partitions);
}

int32_t by_article_partition(std::string_view key, int32_t partitions) {
  auto positive = static_cast<uint32_t>(murmur2(key)) & 0x7fffffffu;
  return static_cast<int32_t>(positive % static_cast<uint32_t>(partitions));
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
