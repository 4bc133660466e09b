// hot-articles-gen's options: defaults, forms, and one clear line per mistake.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "app/generator/command_line.hpp"
#include "app/generator/event_routing.hpp"
#include "app/generator/gen_error.hpp"
#include "app/generator/option_values.hpp"

using namespace hot;
using namespace hot::gen;
using namespace std::chrono_literals;

namespace {

command_line parse_ok(std::vector<std::string> args) {
  auto result = parse_command_line(args);
  if (!result)
    FAIL(describe_gen_error(result.error()));
  return std::move(*result);
}

std::string parse_error(std::vector<std::string> args) {
  auto result = parse_command_line(args);
  REQUIRE_FALSE(result);
  CHECK(is_usage_error(result.error()));
  return describe_gen_error(result.error());
}

} // namespace

TEST_CASE("the command line's defaults are the library's") {
  auto cli = parse_ok({"--brokers", "localhost:9092"});
  generator_options defaults;
  CHECK(cli.options.brokers == "localhost:9092");
  CHECK(cli.options.rate == defaults.rate);
  CHECK(cli.options.count == 0);
  CHECK(cli.options.duration == 0ms);
  CHECK(cli.options.article_topic == "board-article");
  CHECK(cli.options.view_topic == "board-view");
  CHECK(cli.options.timezone == "Asia/Seoul");
  CHECK(cli.options.dates == date_style::iso);
  CHECK_FALSE(cli.mock);
  CHECK_FALSE(cli.help);
}

TEST_CASE("every option is read, with a space or an equals sign") {
  auto cli = parse_ok({"--brokers=b:1",
                       "--rate",
                       "2.5",
                       "--count=10",
                       "--duration",
                       "5m",
                       "--seed",
                       "99",
                       "--boards=12",
                       "--dates",
                       "array",
                       "--timezone",
                       "UTC",
                       "--node-id",
                       "1023",
                       "--dump",
                       "/tmp/x.jsonl",
                       "--property",
                       "linger.ms=20",
                       "--property=acks=1",
                       "--progress-interval",
                       "250ms",
                       "--flush-timeout",
                       "1h"});
  const auto& o = cli.options;
  CHECK(o.brokers == "b:1");
  CHECK(o.rate == 2.5);
  CHECK(o.count == 10);
  CHECK(o.duration == 5min);
  CHECK(o.seed == 99);
  CHECK(o.boards == 12);
  CHECK(o.dates == date_style::jackson_array);
  CHECK(o.timezone == "UTC");
  CHECK(o.node_id == 1023);
  CHECK(o.dump_path == "/tmp/x.jsonl");
  CHECK(o.properties.at("linger.ms") == "20");
  CHECK(o.properties.at("acks") == "1");
  CHECK(o.progress_interval == 250ms);
  CHECK(o.flush_timeout == 1h);
}

TEST_CASE("the topic prefix applies to the topics not named explicitly") {
  SECTION("prefix first") {
    auto cli = parse_ok(
      {"--brokers", "b", "--topic-prefix", "kuke-", "--like-topic", "likes"});
    CHECK(cli.options.article_topic == "kuke-board-article");
    CHECK(cli.options.comment_topic == "kuke-board-comment");
    CHECK(cli.options.like_topic == "likes");
    CHECK(cli.options.view_topic == "kuke-board-view");
  }
  SECTION("prefix last") {
    auto cli = parse_ok(
      {"--brokers", "b", "--view-topic", "views", "--topic-prefix", "kuke-"});
    CHECK(cli.options.article_topic == "kuke-board-article");
    CHECK(cli.options.view_topic == "views");
  }
}

TEST_CASE("the mock flag replaces --brokers, and one of them is required") {
  CHECK(parse_ok({"--mock"}).mock);
  CHECK(parse_error({}).find("--brokers") != std::string::npos);
  CHECK(parse_error({"--mock", "--brokers", "b"}).find("--mock")
        != std::string::npos);
  CHECK(parse_ok({"--help"}).help);
  CHECK(parse_ok({"-h"}).help);
}

TEST_CASE("the option --decode-internal names a topic of a running cluster") {
  CHECK(parse_ok({"--brokers", "b", "--decode-internal", "g-by-article"})
          .decode_internal
        == "g-by-article");
  CHECK(parse_ok({"--brokers", "b"}).decode_internal.empty());
  CHECK(parse_error({"--mock", "--decode-internal", "t"}).find("--brokers")
        != std::string::npos);
  CHECK(parse_error({"--brokers", "b", "--decode-internal", ""})
          .find("--decode-internal")
        != std::string::npos);
}

TEST_CASE(
  "the version is asked for with --version or -V, whatever else is given") {
  CHECK(parse_ok({"--version"}).version);
  CHECK(parse_ok({"--rate", "5", "-V"}).version);
  CHECK_FALSE(parse_ok({"--mock"}).version);
  CHECK(usage_text().find("--version") != std::string::npos);
}

TEST_CASE("a bad value is one line naming the option and what it expects") {
  auto check = [](std::vector<std::string> args, std::string option) {
    args.insert(args.begin(), {"--brokers", "b"});
    auto text = parse_error(args);
    INFO(text);
    CHECK(text.rfind(option, 0) == 0);
    CHECK(text.find('\n') == std::string::npos);
  };
  check({"--rate", "-1"}, "--rate: expected");
  check({"--rate", "fast"}, "--rate: expected");
  check({"--count", "1e3"}, "--count: expected");
  check({"--count", "99999999999999999999"}, "--count: expected");
  check({"--duration", "5y"}, "--duration: expected");
  check({"--seed", "-3"}, "--seed: expected");
  check({"--boards", "0"}, "--boards: expected");
  check({"--dates", "json"}, "--dates: expected iso or array");
  check({"--timezone", "Mars/Olympus"}, "--timezone: expected");
  check({"--node-id", "1024"}, "--node-id: expected");
  check({"--property", "novalue"}, "--property: expected NAME=VALUE");
  check({"--property", "no.such.thing=1"}, "--property no.such.thing=1:");
  check({"--rate"}, "--rate needs a value");
  check({"--rate", "--mock"}, "--rate needs a value");
  check({"--dump", "--mock"}, "--dump needs a value");
  check({"--mock=yes"}, "--mock takes no value");
  check({"--frobnicate"}, "unknown option --frobnicate (see --help)");
  check({"--brokres", "b"},
        "unknown option --brokres (did you mean --brokers?)");
  check({"stray"}, "unexpected argument \"stray\"");
}

TEST_CASE("lengths of time read with units, bare numbers are seconds") {
  CHECK(option_values::parse_duration("250ms") == 250ms);
  CHECK(option_values::parse_duration("30s") == 30s);
  CHECK(option_values::parse_duration("5m") == 5min);
  CHECK(option_values::parse_duration("2h") == 2h);
  CHECK(option_values::parse_duration("10") == 10s);
  CHECK_FALSE(option_values::parse_duration(""));
  CHECK_FALSE(option_values::parse_duration("s"));
  CHECK_FALSE(option_values::parse_duration("1.5s"));
  CHECK_FALSE(option_values::parse_duration("99999999999999999999h"));
  CHECK(option_values::format_duration(5min) == "5m");
  CHECK(option_values::format_duration(1500ms) == "1500ms");
}

TEST_CASE("the help text lists every option with its default") {
  auto text = usage_text();
  for (const char* option :
       {"--brokers", "--mock", "--rate", "--count", "--duration", "--seed",
        "--boards", "--dates", "--timezone", "--node-id", "--dump",
        "--topic-prefix", "--article-topic", "--comment-topic", "--like-topic",
        "--view-topic", "--property", "--progress-interval", "--help"})
    CHECK(text.find(option) != std::string::npos);
  CHECK(text.find("[default: 100]") != std::string::npos);
  CHECK(text.find("[default: Asia/Seoul]") != std::string::npos);
}

TEST_CASE("events are routed and keyed as the reference producers do") {
  event ev;
  ev.article = article_id{184721186211950593};
  ev.board = board_id{6};
  ev.type = event_type::article_created;
  CHECK(topic_of(ev.type) == topic_kind::article);
  CHECK(message_key_of(ev) == "2");
  ev.type = event_type::article_deleted;
  CHECK(message_key_of(ev) == "2");
  ev.type = event_type::article_liked;
  CHECK(topic_of(ev.type) == topic_kind::like);
  CHECK(message_key_of(ev) == "1");
  ev.type = event_type::comment_deleted;
  CHECK(topic_of(ev.type) == topic_kind::comment);
  CHECK(message_key_of(ev) == "1");
  ev.type = event_type::article_viewed;
  CHECK(topic_of(ev.type) == topic_kind::view);
  CHECK(topic_of(event_type::article_unliked) == topic_kind::like);
  CHECK(topic_of(event_type::article_updated) == topic_kind::article);
}
