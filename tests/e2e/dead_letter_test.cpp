// Rejected messages are copied to the dead-letter topic with why and where
// they came from, while the partitions carry on and the lists stay exact.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include "actors/kafka/dead_letter.hpp"
#include "messages/event_decoder.hpp"
#include "messages/internal_record.hpp"
#include "tests/e2e/e2e_fixture.hpp"
#include "tests/support/ranking_oracle.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace hot::test;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

const std::string dead_letter_topic = "board-dead-letter";

struct junk {
  std::string topic;
  std::string key;
  std::string value;
};

struct dead_letter {
  std::map<std::string, std::string> headers;
  std::string key;
  std::string value;
};

// kcat prints headers as "n=v,n=v"; values may hold commas, names never
// do, and every name starts with "hot-articles.".
std::map<std::string, std::string> parse_headers(const std::string& text) {
  std::map<std::string, std::string> out;
  size_t at = 0;
  while (at < text.size()) {
    auto eq = text.find('=', at);
    if (eq == std::string::npos)
      break;
    auto next = text.find(",hot-articles.", eq);
    auto end = next == std::string::npos ? text.size() : next;
    out[text.substr(at, eq - at)] = text.substr(eq + 1, end - eq - 1);
    at = end == text.size() ? end : end + 1;
  }
  return out;
}

std::vector<dead_letter> read_dead_letters(const std::string& bootstraps) {
  auto r = run_command({"kcat", "-C", "-b", bootstraps, "-t", dead_letter_topic,
                        "-o", "beginning", "-e", "-q", "-f", "%h\t%k\t%s\n"},
                       30s);
  std::vector<dead_letter> out;
  std::istringstream lines{r.output};
  std::string line;
  while (std::getline(lines, line)) {
    auto tab1 = line.find('\t');
    auto tab2 = line.find('\t', tab1 + 1);
    if (tab1 == std::string::npos || tab2 == std::string::npos)
      continue;
    out.push_back(dead_letter{parse_headers(line.substr(0, tab1)),
                              line.substr(tab1 + 1, tab2 - tab1 - 1),
                              line.substr(tab2 + 1)});
  }
  return out;
}

// The message at a topic's partition and offset, read back with kcat.
std::string message_at(const std::string& bootstraps, const std::string& topic,
                       const std::string& partition,
                       const std::string& offset) {
  return run_command({"kcat", "-C", "-b", bootstraps, "-t", topic, "-p",
                      partition, "-o", offset, "-c", "1", "-e", "-q", "-f",
                      "%k\t%s"},
                     30s)
    .output;
}

} // namespace

TEST_CASE("rejected messages reach the dead-letter topic with why and where, "
          "and the lists still match the oracle",
          "[e2e]") {
  e2e_fixture f;
  auto d = f.start_daemon("dead-letters",
                          {"--kafka.dead-letter-topic=" + dead_letter_topic});
  const std::string internal = "dead-letters-by-article";
  const std::vector<junk> junks{
    // Written to the internal topic by a newer build, or damaged there.
    {internal, "5", std::string{"\x02"} + "from a newer build"},
    {internal, "6", std::string{"\x01"} + "short"},
    {"board-like", "1", "this is not json"},
    {"board-article", "2",
     R"({"eventId":1,"type":"ARTICLE_EXPLODED","payload":{}})"},
    {"board-comment", "3", R"({"eventId":5,"type":"COMMENT_CREATED"})"},
    {"board-view", "0",
     R"({"eventId":7,"type":"ARTICLE_VIEWED","payload":{"articleId":5,)"
     R"("articleViewCount":-3}})"},
  };
  f.generate(1000, 21);
  for (const auto& j : junks)
    f.kcat(j.topic, {j.key + ":" + j.value});
  // Valid events after the junk, on the same partitions.
  f.generate(1000, 22);

  auto day = today(f.calendar);
  auto expected = rank_open_days(f.dumped(), f.calendar, score_weights{}, 10,
                                 10);
  auto want = ids_and_scores(expected[day].list);
  REQUIRE(want.size() == 10);
  auto got = [&] { return served_ids_and_scores(d, day); };
  CHECK(wait_until(60s, [&] { return got() == want; }));
  CHECK(got() == want);

  std::vector<dead_letter> letters;
  REQUIRE(wait_until(
    30s,
    [&] {
      letters = read_dead_letters(f.kafka_bootstraps);
      return letters.size() >= junks.size();
    },
    200ms));
  CHECK(letters.size() == junks.size());
  event_decoder decoder;
  for (const auto& j : junks) {
    INFO(j.topic << ": " << j.value);
    auto it = std::find_if(letters.begin(), letters.end(),
                           [&](const auto& l) { return l.value == j.value; });
    REQUIRE(it != letters.end());
    auto decoded = j.topic == internal
                     ? decode_internal_record(j.value, decoder)
                     : decoder.decode(j.value);
    REQUIRE_FALSE(decoded);
    auto reason = decode_errc_of(decoded.error());
    REQUIRE(reason);
    auto& h = it->headers;
    CHECK(it->key == j.key);
    CHECK(h[dead_letter_header::reason] == to_string(*reason));
    CHECK_THAT(h[dead_letter_header::detail],
               Catch::StartsWith(std::string{to_string(*reason)}));
    CHECK(h[dead_letter_header::source_topic] == j.topic);
    // Where it came from is exactly where the original still is.
    CHECK(message_at(f.kafka_bootstraps, j.topic,
                     h[dead_letter_header::source_partition],
                     h[dead_letter_header::source_offset])
          == j.key + "\t" + j.value);
  }
  auto metrics = d.get("/metrics").body;
  CHECK_THAT(metrics, Catch::Contains(
                        "hot_articles_dead_letters_total{outcome=\"produced\"} "
                        + std::to_string(junks.size())));
  CHECK_THAT(
    metrics,
    Catch::Contains("hot_articles_dead_letters_total{outcome=\"dropped\"} 0"));
  CHECK_THAT(metrics,
             Catch::Contains("hot_articles_events_rejected_total{reason="
                             "\"malformed_json\",topic=\"board-like\"} 1"));
  CHECK_THAT(metrics, Catch::Contains("hot_articles_events_rejected_total{"
                                      "reason=\"unknown_record_version\","
                                      "topic=\"dead-letters-by-article\"} 1"));

  // The internal topic's binary records, as an operator reads them.
  auto dump = run_command({bin("hot-articles-gen"), "--brokers",
                           f.kafka_bootstraps, "--decode-internal", internal,
                           "--property", "fetch.wait.max.ms=10"},
                          60s);
  REQUIRE(dump.exit_code == 0);
  size_t events = 0;
  size_t watermarks = 0;
  size_t unreadable = 0;
  std::istringstream lines{dump.output};
  std::string line;
  while (std::getline(lines, line)) {
    events += line.find(" {\"eventId\":") != std::string::npos;
    watermarks += line.find(" watermark board-") != std::string::npos;
    unreadable += line.find(" unreadable: ") != std::string::npos;
  }
  INFO(dump.output.substr(0, 2000));
  // Every copy stage 1 made, and nothing else: nothing was produced there
  // but the copies, the watermarks and the two records above.
  CHECK(static_cast<int64_t>(events)
        == metric_sum(d, "hot_articles_events_rekeyed_total"));
  CHECK(watermarks > 0);
  CHECK(unreadable == 2);
  CHECK_THAT(dump.output, Catch::Contains("unknown_record_version"));
}

// A send that waited for room would never return here, as nothing drains
// the queue: the loop finishing is the check, with no clock involved.
TEST_CASE("a full dead-letter queue drops and counts further letters instead "
          "of waiting for room",
          "[e2e]") {
  // Nobody listens there: every dead letter stays queued.
  dead_letter_settings settings;
  settings.brokers = "127.0.0.1:" + std::to_string(free_port());
  settings.topic = dead_letter_topic;
  settings.queue_limit = 5;
  settings.properties = {{"log_level", "0"}};
  auto counts = std::make_shared<dead_letter_counts>();
  auto producer = dead_letter_producer::start(settings, counts);
  REQUIRE(producer);
  rejected_message msg;
  msg.partition = partition_ref{"board-like", 0};
  msg.value = "junk";
  msg.reason = caf::make_error(decode_errc::malformed_json,
                               std::string{"test"});
  for (int64_t i = 0; i < 1000; ++i) {
    msg.offset = i;
    (*producer)->send(msg);
  }
  CHECK(counts->dropped == 995);
  (*producer)->close(0ms);
  CHECK(counts->failed == 5);
  CHECK(counts->produced == 0);
  (*producer)->send(msg);
  CHECK(counts->dropped == 996);
}
