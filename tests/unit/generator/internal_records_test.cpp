// hot-articles-gen --decode-internal: every kind of record the internal
// topic can hold comes out as one readable line, in partition and offset
// order.
#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "actors/kafka/kafka_handles.hpp"
#include "app/generator/gen_error.hpp"
#include "app/generator/internal_records.hpp"
#include "messages/by_article.hpp"
#include "messages/event_decoder.hpp"
#include "messages/event_encoder.hpp"
#include "messages/internal_record.hpp"
#include "sim/mock_cluster.hpp"

using namespace hot;
using namespace hot::gen;
using namespace std::chrono_literals;

namespace {

event liked(int64_t article, int64_t count) {
  event ev;
  ev.id = event_id{184721186232410112 + count};
  ev.type = event_type::article_liked;
  ev.article = article_id{article};
  ev.count = count;
  return ev;
}

event created(int64_t article, std::string title) {
  event ev;
  ev.id = event_id{184721186232410000};
  ev.type = event_type::article_created;
  ev.article = article_id{article};
  ev.board = board_id{3};
  ev.title = std::move(title);
  make_local_datetime(2025, 5, 25, 2, 36, 2, 0, ev.created_at);
  return ev;
}

struct record {
  int32_t partition;
  std::string key;
  std::string value;
};

void produce_all(const std::string& bootstraps, const std::string& topic,
                 const std::vector<record>& records) {
  auto conf = make_kafka_conf({{"bootstrap.servers", bootstraps}});
  REQUIRE(conf);
  auto producer = make_kafka_client(RD_KAFKA_PRODUCER, *conf);
  REQUIRE(producer);
  for (const auto& r : records) {
    produce_request request;
    request.topic_name = topic.c_str();
    request.partition = r.partition;
    request.key = r.key;
    request.value = r.value;
    REQUIRE_FALSE(produce_copy(producer->get(), request));
  }
  REQUIRE(rd_kafka_flush(producer->get(), 10'000)
          == RD_KAFKA_RESP_ERR_NO_ERROR);
}

std::vector<std::string> lines_of(std::FILE* file) {
  std::rewind(file);
  std::vector<std::string> out;
  std::vector<char> line(1 << 16);
  while (std::fgets(line.data(), static_cast<int>(line.size()), file)) {
    std::string text{line.data()};
    if (!text.empty() && text.back() == '\n')
      text.pop_back();
    out.push_back(text);
  }
  return out;
}

} // namespace

TEST_CASE("each kind of internal record reads as one line of text") {
  event_decoder json;
  auto like = liked(42, 7);
  CHECK(describe_internal_record("42", encode_internal_record(like), json)
        == encode_event(like));
  // A like that came without its createdAt is printed without one, not as
  // 1970-01-01; one that carried it keeps it.
  CHECK_THAT(describe_internal_record("42", encode_internal_record(like), json),
             !Catch::Contains("createdAt"));
  make_local_datetime(2025, 5, 25, 2, 36, 2, 0, like.created_at);
  CHECK_THAT(describe_internal_record("42", encode_internal_record(like), json),
             Catch::Contains("\"createdAt\":\"2025-05-25T02:36:02"));
  auto copy = encode_event(created(42, "old copy"));
  CHECK(describe_internal_record("42", copy, json) == copy);
  auto mark = encode_watermark(source_watermark{
    partition_ref{"board-like", 2}, instant{std::chrono::milliseconds{1234}}});
  CHECK(describe_internal_record(watermark_key, mark, json)
        == "watermark board-like/2 1234");
  CHECK(describe_internal_record(watermark_key, "x", json)
        == "unreadable: malformed watermark");
  CHECK(describe_internal_record("42", "\x07junk", json)
        == "unreadable: unknown_record_version: version 7 (this build reads "
           "version 1 and JSON copies)");
}

TEST_CASE("the internal topic's dump prints it partition by partition, in "
          "offset order",
          "[kafka]") {
  const std::string topic = "group-by-article";
  auto cluster = mock_cluster::start(1, {topic}, 3);
  REQUIRE(cluster);
  auto title = created(10, "제목 one");
  auto mark = encode_watermark(source_watermark{
    partition_ref{"board-view", 0}, instant{std::chrono::milliseconds{99}}});
  // Partition 1 stays empty.
  produce_all(cluster->bootstraps(), topic,
              {{2, "11", encode_internal_record(liked(11, 5))},
               {0, "10", encode_internal_record(title)},
               {0, std::string{watermark_key}, mark},
               {2, "11", std::string{"\x02"} + "future"},
               {0, "10", encode_internal_record(liked(10, 1))}});
  internal_dump_options options;
  options.brokers = cluster->bootstraps();
  options.topic = topic;
  options.properties = {{"fetch.wait.max.ms", "10"}};
  std::FILE* out = std::tmpfile();
  REQUIRE(out != nullptr);
  auto printed = print_internal_records(options, out);
  auto lines = lines_of(out);
  std::fclose(out);
  REQUIRE(printed);
  CHECK(*printed == 5);
  const std::vector<std::string> expected{
    "0@0 10 " + encode_event(title),
    "0@1 hot-articles.watermark watermark board-view/0 99",
    "0@2 10 " + encode_event(liked(10, 1)),
    "2@0 11 " + encode_event(liked(11, 5)),
    "2@1 11 unreadable: unknown_record_version: version 2 (this build reads "
    "version 1 and JSON copies)"};
  CHECK(lines == expected);
}

TEST_CASE("a dump of an internal topic that does not exist says so",
          "[kafka]") {
  auto cluster = mock_cluster::start(1, {"other"}, 1);
  REQUIRE(cluster);
  internal_dump_options options;
  options.brokers = cluster->bootstraps();
  options.topic = "missing-by-article";
  auto printed = print_internal_records(options, stdout);
  REQUIRE_FALSE(printed);
  auto text = describe_gen_error(printed.error());
  CHECK_THAT(text, Catch::Contains("missing-by-article"));
  CHECK_THAT(text, Catch::Contains("{kafka.group-id}-by-article"));
}
