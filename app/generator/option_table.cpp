// The options of hot-articles-gen: names, help, defaults and checks,
// declared on a CLI11 app.
#include "app/generator/option_table.hpp"

#include <limits>

#include "actors/kafka/kafka_property_check.hpp"
#include "app/generator/gen_error.hpp"
#include "app/generator/option_values.hpp"
#include "common/cli_errors.hpp"
#include "common/cli_help.hpp"
#include "messages/day_calendar.hpp"

namespace hot::gen {

namespace {

using std::chrono::milliseconds;

constexpr uint64_t any_u64 = std::numeric_limits<uint64_t>::max();
constexpr uint64_t any_u32 = std::numeric_limits<uint32_t>::max();

CLI::Validator length_of_time() {
  return expecting("a length such as 30s, 5m, 1h or 250ms",
                   [](const std::string& text) {
                     return option_values::parse_duration(text).has_value();
                   });
}

CLI::Validator not_empty(std::string what) {
  return expecting(std::move(what),
                   [](const std::string& text) { return !text.empty(); });
}

void duration_option(CLI::App& app, const std::string& name,
                     milliseconds& target, const std::string& help) {
  app
    .add_option_function<std::string>(
      name,
      [&target](const std::string& text) {
        target = *option_values::parse_duration(text);
      },
      help)
    ->check(not_an_option())
    ->option_text("TIME")
    ->default_str(option_values::format_duration(target))
    ->check(length_of_time());
}

void topic_option(CLI::App& app, const std::string& name,
                  std::optional<std::string>& target, const std::string& help,
                  const std::string& fallback) {
  app
    .add_option_function<std::string>(
      name, [&target](const std::string& text) { target = text; }, help)
    ->check(not_an_option())
    ->option_text("T")
    ->default_str(fallback)
    ->check(not_empty("a topic name"));
}

} // namespace

void declare_options(CLI::App& app, parse_state& st) {
  auto& o = st.result.options;
  // Later values win, as in other load tools; flags take no "=value".
  app.option_defaults()
    ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
    ->disable_flag_override()
    ->group("options");
  app
    .add_option("--brokers", o.brokers,
                "Kafka bootstrap servers (required unless --mock)")
    ->check(not_an_option())
    ->option_text("LIST");
  app
    .add_flag("--mock", st.result.mock,
              "start an in-process librdkafka mock cluster (the four "
              "topics, 3 partitions each) and produce to it; for trying "
              "things out")
    ->default_str("off");
  app
    .add_option("--rate", o.rate, "events per second; 0 = as fast as possible")
    ->check(not_an_option())
    ->option_text("N")
    ->default_str(option_values::format_rate(o.rate))
    ->check(expecting("a number of events per second >= 0",
                      [](const std::string& text) {
                        return option_values::parse_rate(text).has_value();
                      }));
  app.add_option("--count", o.count, "stop after N events; 0 = no limit")
    ->check(not_an_option())
    ->option_text("N")
    ->default_str(std::to_string(o.count))
    ->check(whole_number(0, any_u64, "a whole number >= 0"));
  duration_option(app, "--duration", o.duration,
                  "stop after this long (30s, 5m, 1h); 0 = no limit");
  app
    .add_option("--seed", o.seed,
                "seed of the simulated board (same seed, same traffic)")
    ->check(not_an_option())
    ->option_text("N")
    ->default_str(std::to_string(o.seed))
    ->check(whole_number(0, any_u64, "a whole number >= 0"));
  app
    .add_option("--boards", o.boards,
                "number of boards (ids 1..N); board k gets new articles in "
                "proportion to 1/k (Zipf), so a few boards are busy and most "
                "are quiet")
    ->check(not_an_option())
    ->option_text("N")
    ->default_str(std::to_string(o.boards))
    ->check(whole_number(1, any_u32, "a whole number >= 1"));
  app
    .add_option_function<std::string>(
      "--dates",
      [&o](const std::string& text) {
        o.dates = text == "iso" ? date_style::iso : date_style::jackson_array;
      },
      "date format: ISO strings or Jackson arrays [y,M,d,h,m,s,n]")
    ->check(not_an_option())
    ->option_text("iso|array")
    ->default_str("iso")
    ->check(expecting("iso or array", [](const std::string& text) {
      return text == "iso" || text == "array";
    }));
  app
    .add_option("--timezone", o.timezone,
                "IANA zone of the createdAt wall-clock times")
    ->check(not_an_option())
    ->option_text("ZONE")
    ->default_str(o.timezone)
    ->check(expecting("an IANA time zone name", [](const std::string& text) {
      return static_cast<bool>(day_calendar::make(text, milliseconds{0}));
    }));
  app
    .add_option("--node-id", o.node_id,
                "Snowflake node id of the generated ids (0..1023)")
    ->check(not_an_option())
    ->option_text("N")
    ->default_str(std::to_string(o.node_id))
    ->check(whole_number(0, 1023, "a node id in 0..1023"));
  app
    .add_option("--dump", o.dump_path,
                "write every delivered message to FILE as one JSON line "
                "{topic, partition, offset, key, timestamp, value}")
    ->check(not_an_option())
    ->option_text("FILE")
    ->default_str("none")
    ->check(not_empty("a file name"));
  app
    .add_option("--decode-internal", st.result.decode_internal,
                "print every record of the daemon's internal topic "
                "({group-id}-by-article) as text, one line each, and exit "
                "(--property sets consumer properties here)")
    ->check(not_an_option())
    ->option_text("TOPIC")
    ->default_str("none")
    ->check(not_empty("a topic name"));
  app
    .add_option("--topic-prefix", st.topics.prefix,
                "prefix of the default topic names (kuke- gives "
                "kuke-board-article, ...)")
    ->check(not_an_option())
    ->option_text("P")
    ->default_str("none");
  topic_option(app, "--article-topic", st.topics.explicit_names[0],
               "topic of ARTICLE_CREATED/UPDATED/DELETED", o.article_topic);
  topic_option(app, "--comment-topic", st.topics.explicit_names[1],
               "topic of COMMENT_CREATED/DELETED", o.comment_topic);
  topic_option(app, "--like-topic", st.topics.explicit_names[2],
               "topic of ARTICLE_LIKED/UNLIKED", o.like_topic);
  topic_option(app, "--view-topic", st.topics.explicit_names[3],
               "topic of ARTICLE_VIEWED", o.view_topic);
  app
    .add_option("--property", st.properties,
                "librdkafka producer property, applied last (repeatable)")
    ->check(not_an_option())
    ->option_text("NAME=VALUE")
    ->default_str("none")
    ->allow_extra_args(false)
    ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
    ->check(expecting("NAME=VALUE", [](const std::string& text) {
      auto eq = text.find('=');
      return eq != std::string::npos && eq > 0;
    }));
  duration_option(app, "--progress-interval", o.progress_interval,
                  "time between progress lines; 0 = none");
  duration_option(app, "--flush-timeout", o.flush_timeout,
                  "how long the final flush waits for delivery reports");
  add_help_and_version(app, "show this help");
}

caf::error apply_properties(parse_state& st) {
  for (const auto& text : st.properties) {
    auto eq = text.find('=');
    auto name = text.substr(0, eq);
    auto value = text.substr(eq + 1);
    // librdkafka judges it now, so a typo fails before any connection.
    auto refused = refused_kafka_property({{name, value}});
    if (!refused.empty())
      return make_gen_error(gen_errc::invalid_option,
                            "--property " + text + ": "
                              + refused.substr(name.size() + 2));
    st.result.options.properties[name] = value;
  }
  return caf::none;
}

} // namespace hot::gen
