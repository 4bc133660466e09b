// The by-article hop's pure parts: where an article lives (Kafka's murmur2
// partitioning), and watermark records.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "messages/by_article.hpp"

using namespace hot;

namespace {

/// The Java client's partition of a key whose Utils.murmur2 is `hash`.
int32_t java_partition(int32_t hash, int32_t partitions) {
  return static_cast<int32_t>((static_cast<uint32_t>(hash) & 0x7fffffffu)
                              % static_cast<uint32_t>(partitions));
}

} // namespace

TEST_CASE("a key's partition is the Java client's") {
  // The hashes are Kafka's own test vectors (UtilsTest.testMurmur2).
  const std::map<std::string, int32_t> java_hashes{
    {"21", -973932308},
    {"foobar", -790332482},
    {"a-little-bit-long-string", -985981536},
    {"a-little-bit-longer-string", -1486304829},
    {"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971},
    {"abc", 479470107}};
  for (const auto& [key, hash] : java_hashes)
    for (int32_t partitions : {1, 3, 7, 12, 64}) {
      INFO(key << " over " << partitions << " partitions");
      CHECK(by_article_partition(key, partitions)
            == java_partition(hash, partitions));
    }
}

TEST_CASE("articles with Snowflake ids spread over every partition") {
  // Ids made at a low rate differ only in their time bits; a modulo would
  // put them all in a few partitions.
  std::map<int32_t, int> seen;
  for (int64_t ms = 0; ms < 1200; ++ms)
    ++seen[by_article_partition(article_id{(ms * 1000) << 22}, 12)];
  REQUIRE(seen.size() == 12);
  for (const auto& [partition, count] : seen) {
    CHECK(partition >= 0);
    CHECK(partition < 12);
    CHECK(count > 50);
  }
}

TEST_CASE("an article's partition is its key's Java partition") {
  auto id = article_id{382664910397509632};
  CHECK(by_article_key(id) == "382664910397509632");
  // Utils.murmur2("382664910397509632") is 388170117.
  CHECK(by_article_partition(id, 12) == java_partition(388170117, 12));
  CHECK(by_article_partition(id, 12) == 9);
  CHECK(by_article_partition(id, 1) == 0);
}

TEST_CASE("a watermark record round-trips") {
  source_watermark mark{partition_ref{"board-like", 2},
                        instant{std::chrono::milliseconds{1764547200123}}};
  auto text = encode_watermark(mark);
  CHECK(text == "1764547200123 2 board-like");
  auto back = decode_watermark(text);
  REQUIRE(back);
  CHECK(back->source == mark.source);
  CHECK(back->stream_time == mark.stream_time);
}

TEST_CASE("malformed watermark values are refused") {
  for (auto bad : {"", "123", "123 4", "123 4 ", "x 4 t", "123 y t", "123 -1 t",
                   "123 4 two words", "12a 4 t", "123 4x t"}) {
    INFO(bad);
    CHECK_FALSE(decode_watermark(bad));
  }
}
