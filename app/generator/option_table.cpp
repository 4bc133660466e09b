// The options of hot-articles-gen: names, help, defaults, and how each applies.
#include "app/generator/option_table.hpp"

#include <limits>

#include "actors/kafka/kafka_handles.hpp"
#include "app/generator/gen_error.hpp"
#include "app/generator/option_values.hpp"
#include "messages/day_calendar.hpp"

namespace hot::gen {

namespace {

using setter = option_spec::setter;

caf::error expected_value(std::string_view option, std::string_view what,
                          const std::string& got) {
  return make_gen_error(gen_errc::invalid_option,
                        "--" + std::string{option} + ": expected "
                          + std::string{what} + ", got '" + got + "'");
}

template <class Assign>
setter unsigned_option(std::string_view name, uint64_t min, uint64_t max,
                       std::string_view what, Assign assign) {
  return [=](parse_state& st, const std::string& text) -> caf::error {
    auto value = option_values::parse_unsigned(text);
    if (!value || *value < min || *value > max)
      return expected_value(name, what, text);
    assign(st.result.options, *value);
    return caf::none;
  };
}

setter duration_option(std::string_view name,
                       std::chrono::milliseconds generator_options::*field) {
  return [=](parse_state& st, const std::string& text) -> caf::error {
    auto value = option_values::parse_duration(text);
    if (!value)
      return expected_value(name, "a length such as 30s, 5m, 1h or 250ms",
                            text);
    st.result.options.*field = *value;
    return caf::none;
  };
}

setter topic_option(std::string_view name, size_t index) {
  return [=](parse_state& st, const std::string& text) -> caf::error {
    if (text.empty())
      return expected_value(name, "a topic name", text);
    st.topics.explicit_names[index] = text;
    return caf::none;
  };
}

caf::error set_property(parse_state& st, const std::string& text) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    return expected_value("property", "NAME=VALUE", text);
  auto name = text.substr(0, eq);
  auto value = text.substr(eq + 1);
  // Let librdkafka judge the property now, so a typo fails before any
  // connection is made.
  if (auto conf = make_kafka_conf({{name, value}}); !conf) {
    // The reason already repeats NAME=VALUE; say it once.
    auto reason = describe_gen_error(conf.error());
    auto repeated = reason.find(text + ": ");
    if (repeated != std::string::npos)
      reason.erase(0, repeated + text.size() + 2);
    return make_gen_error(gen_errc::invalid_option,
                          "--property " + text + ": " + reason);
  }
  st.result.options.properties[name] = value;
  return caf::none;
}

} // namespace

std::vector<option_spec> option_table() {
  generator_options d;
  using ms = std::chrono::milliseconds;
  auto flag = [](bool command_line::*field) -> setter {
    return [=](parse_state& st, const std::string&) -> caf::error {
      st.result.*field = true;
      return caf::none;
    };
  };
  return {
    {"brokers", "LIST", "Kafka bootstrap servers (required unless --mock)", "",
     [](parse_state& st, const std::string& text) -> caf::error {
       st.result.options.brokers = text;
       return caf::none;
     }},
    {"mock", "",
     "start an in-process librdkafka mock cluster (the four topics, 3 "
     "partitions each) and produce to it; for trying things out",
     "off", flag(&command_line::mock)},
    {"rate", "N", "events per second; 0 = as fast as possible",
     option_values::format_rate(d.rate),
     [](parse_state& st, const std::string& text) -> caf::error {
       auto value = option_values::parse_rate(text);
       if (!value)
         return expected_value("rate", "a number of events per second >= 0",
                               text);
       st.result.options.rate = *value;
       return caf::none;
     }},
    {"count", "N", "stop after N events; 0 = no limit", std::to_string(d.count),
     unsigned_option("count", 0, std::numeric_limits<uint64_t>::max(),
                     "a whole number >= 0",
                     [](generator_options& o, uint64_t v) { o.count = v; })},
    {"duration", "TIME", "stop after this long (30s, 5m, 1h); 0 = no limit",
     option_values::format_duration(d.duration),
     duration_option("duration", &generator_options::duration)},
    {"seed", "N", "seed of the simulated board (same seed, same traffic)",
     std::to_string(d.seed),
     unsigned_option("seed", 0, std::numeric_limits<uint64_t>::max(),
                     "a whole number >= 0",
                     [](generator_options& o, uint64_t v) { o.seed = v; })},
    {"boards", "N", "number of boards (ids 1..N)", std::to_string(d.boards),
     unsigned_option("boards", 1, std::numeric_limits<uint32_t>::max(),
                     "a whole number >= 1",
                     [](generator_options& o, uint64_t v) {
                       o.boards = static_cast<uint32_t>(v);
                     })},
    {"dates", "iso|array",
     "date format: ISO strings or Jackson arrays [y,M,d,h,m,s,n]", "iso",
     [](parse_state& st, const std::string& text) -> caf::error {
       if (text == "iso")
         st.result.options.dates = date_style::iso;
       else if (text == "array")
         st.result.options.dates = date_style::jackson_array;
       else
         return expected_value("dates", "iso or array", text);
       return caf::none;
     }},
    {"timezone", "ZONE", "IANA zone of the createdAt wall-clock times",
     d.timezone,
     [](parse_state& st, const std::string& text) -> caf::error {
       if (!day_calendar::make(text, ms{0}))
         return expected_value("timezone", "an IANA time zone name", text);
       st.result.options.timezone = text;
       return caf::none;
     }},
    {"node-id", "N", "Snowflake node id of the generated ids (0..1023)",
     std::to_string(d.node_id),
     unsigned_option("node-id", 0, 1023, "a node id in 0..1023",
                     [](generator_options& o, uint64_t v) {
                       o.node_id = static_cast<uint32_t>(v);
                     })},
    {"dump", "FILE",
     "write every delivered message to FILE as one JSON line {topic, "
     "partition, offset, key, timestamp, value}",
     "none",
     [](parse_state& st, const std::string& text) -> caf::error {
       if (text.empty())
         return expected_value("dump", "a file name", text);
       st.result.options.dump_path = text;
       return caf::none;
     }},
    {"topic-prefix", "P",
     "prefix of the default topic names (kuke- gives "
     "kuke-board-article, ...)",
     "none",
     [](parse_state& st, const std::string& text) -> caf::error {
       st.topics.prefix = text;
       return caf::none;
     }},
    {"article-topic", "T", "topic of ARTICLE_CREATED/UPDATED/DELETED",
     d.article_topic, topic_option("article-topic", 0)},
    {"comment-topic", "T", "topic of COMMENT_CREATED/DELETED", d.comment_topic,
     topic_option("comment-topic", 1)},
    {"like-topic", "T", "topic of ARTICLE_LIKED/UNLIKED", d.like_topic,
     topic_option("like-topic", 2)},
    {"view-topic", "T", "topic of ARTICLE_VIEWED", d.view_topic,
     topic_option("view-topic", 3)},
    {"property", "NAME=VALUE",
     "librdkafka producer property, applied last (repeatable)", "none",
     set_property},
    {"progress-interval", "TIME", "time between progress lines; 0 = none",
     option_values::format_duration(d.progress_interval),
     duration_option("progress-interval",
                     &generator_options::progress_interval)},
    {"flush-timeout", "TIME",
     "how long the final flush waits for delivery reports",
     option_values::format_duration(d.flush_timeout),
     duration_option("flush-timeout", &generator_options::flush_timeout)},
    {"help", "", "show this help (also -h)", "", flag(&command_line::help)},
    {"version", "", "print the version and exit (also -V)", "",
     flag(&command_line::version)},
  };
}

} // namespace hot::gen
