// The daemon's settings: every option, its default, and its checks.
#include "app/daemon/daemon_config.hpp"

#include <algorithm>
#include <set>
#include <thread>

#include "actors/kafka/kafka_property_check.hpp"
#include "common/duration.hpp"
#include "common/logger.hpp"
#include "messages/day_calendar.hpp"

namespace hot {

uint32_t default_http_threads() {
  return std::max(4u, 2 * std::thread::hardware_concurrency());
}

namespace {

using namespace std::chrono_literals;
using ms = std::chrono::milliseconds;

constexpr ms forever = std::chrono::hours{24 * 3650};

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

} // namespace

daemon_config::daemon_config() : options_("HOT_ARTICLES_", "hot-articles.ini") {
  auto& p = settings.pipeline;
  auto& o = options_;
  o.text("kafka.brokers", p.kafka.brokers,
         "Kafka bootstrap servers; empty runs an in-process mock cluster fed "
         "by the built-in generator, for trying things out");
  o.text("kafka.group-id", p.kafka.group_id, "consumer group");
  o.text("kafka.topics.article", p.kafka.article_topic,
         "topic of ARTICLE_CREATED/UPDATED/DELETED");
  o.text("kafka.topics.comment", p.kafka.comment_topic,
         "topic of COMMENT_CREATED/DELETED");
  o.text("kafka.topics.like", p.kafka.like_topic,
         "topic of ARTICLE_LIKED/UNLIKED");
  o.text("kafka.topics.view", p.kafka.view_topic, "topic of ARTICLE_VIEWED");
  o.integer("kafka.max-in-flight", p.kafka.max_in_flight, 1, 10'000'000,
            "events in flight per partition before it pauses");
  o.integer("kafka.batch-size", p.kafka.batch_size, 1, 1'000'000,
            "messages taken from a partition per pull");
  o.duration("kafka.commit-interval", p.kafka.commit_interval, 10ms, 1h,
             "how often stored offsets are committed");
  o.duration("kafka.idle-grace", p.kafka.idle_grace, 0ms, forever,
             "how far a caught-up partition's stream time trails the clock; "
             "keep it above producers' longest delivery delay (and above the "
             "age of stamps replayed with their original time)");
  o.duration("kafka.drain-timeout", p.kafka.drain_timeout, 100ms, 10min,
             "longest wait for partitions to drain on revoke or stop, and "
             "for Redis to answer the claim of a newly assigned internal "
             "partition");
  o.text("kafka.by-article-topic", p.kafka.by_article_topic,
         "internal topic the events are re-keyed into by article id (empty: "
         "{kafka.group-id}-by-article); created at start when missing");
  o.integer("kafka.by-article-partitions", p.kafka.by_article_partitions, 1,
            10'000,
            "partitions of the internal topic: the most instances the "
            "ranking work can be spread over; fixed once the topic exists");
  o.duration("kafka.watermark-interval", p.kafka.watermark_interval, 10ms, 1min,
             "how often each source partition sends its stream time to every "
             "internal partition");
  o.boolean("kafka.compact-copies", p.kafka.compact_copies,
            "of each pull's count events, copy only the newest per article, "
            "kind and day cuts to the internal topic (counts are absolute: "
            "the lists do not change)");
  o.text("kafka.instance-id", p.kafka.instance_id,
         "this instance's static group membership (group.instance.id): a "
         "restarted instance with the same id gets its partitions back at "
         "once (empty: {host name}-{http.port}; 'none': no static "
         "membership); unique within the group");
  o.text("kafka.dead-letter-topic", settings.dead_letter_topic,
         "rejected messages are copied to this topic with headers saying "
         "why and where they came from (empty: off)");
  o.integer("kafka.dead-letter-queue", settings.dead_letter_queue, 1,
            10'000'000,
            "dead letters waiting to be sent; beyond that they are dropped "
            "(and counted) rather than slowing a partition");
  o.text_map("kafka.property", "kafka.properties", p.kafka.properties,
             "any librdkafka property, passed through (e.g. "
             "--kafka.property.security.protocol=SASL_SSL)");

  o.text("redis.host", p.redis.host, "Redis host");
  o.integer("redis.port", p.redis.port, 1, 65535, "Redis port");
  o.text("redis.password", p.redis.password, "Redis AUTH password");
  o.integer("redis.database", p.redis.database, 0, 1024,
            "Redis database number");
  o.duration("redis.connect-timeout", p.redis.connect_timeout, 10ms, 1min,
             "Redis connect timeout");
  o.duration("redis.command-timeout", p.redis.command_timeout, 10ms, 10min,
             "Redis command timeout");
  o.duration("redis.retry-min", p.redis.retry_min, 1ms, 1min,
             "first reconnect backoff");
  o.duration("redis.retry-max", p.redis.retry_max, 1ms, 10min,
             "longest reconnect backoff");
  o.integer("redis.writer-connections", p.redis.writer_connections, 1, 64,
            "connections the writers of all owned partitions share");

  o.text("http.host", settings.http_host, "address of the HTTP API");
  o.integer("http.port", settings.http_port, 0, 65535,
            "port of the HTTP API (0: any free port)");
  o.integer("http.threads", settings.http_threads, 1, 1024,
            "worker threads of the HTTP API for answers that read Redis, by "
            "default twice the cores (at least 4); idle and half-sent "
            "connections hold none");
  o.duration("http.cache-ttl", settings.http_cache_ttl, 0ms, 10s,
             "how long a list answer read from Redis serves further "
             "requests (0: read Redis every time)");
  o.duration("http.request-timeout", settings.http_request_timeout, 100ms,
             10min,
             "longest time one HTTP or admin request may take, first byte "
             "in to last byte out; slower clients are cut off");
  o.text("admin.host", settings.admin_host,
         "address of the admin interface (the console's)");
  o.integer("admin.port", settings.admin_port, 0, 65535,
            "port of the admin interface (0: any free port)");
  o.text("admin.token", settings.admin_token,
         "bearer token the admin interface requires; mandatory when "
         "admin.host is not a loopback address");

  o.text("ranking.timezone", p.timezone,
         "IANA time zone of the days (createdAt is local time there)");
  o.duration("ranking.seal-after", p.seal_after, 0ms, 48h,
             "how long past midnight a day takes late events");
  o.duration("ranking.max-disorder", p.kafka.max_disorder, 0ms, 1h,
             "how far a source partition's timestamps may run out of order: "
             "a record stamped this much before the newest one is not late");
  o.duration("ranking.list-ttl", p.redis.list_ttl, 1h, forever,
             "how long a day's list stays in Redis, counted from the end "
             "of the UTC day after it");
  o.integer("ranking.list-size", p.ranking.list_size, 1, 1000,
            "articles in a day's list");
  o.integer("ranking.reserve-size", p.ranking.reserve_size, 0, 1000,
            "next-ranked articles kept with a sealed list for later deletes");
  o.duration("ranking.flush-interval", p.ranking.flush_interval, 1ms, 1min,
             "at most one Redis write per day per interval");
  o.boolean("ranking.boards.enabled", p.shards.boards.enabled,
            "also keep each board's list of the day (hot-article::board::*)");
  o.integer("ranking.boards.max-per-day", p.shards.boards.max_per_day, 0,
            100'000'000,
            "boards each shard tracks per day; articles of further boards "
            "are ranked in the day's list only, and counted");
  o.duration("ranking.boards.flush-interval", p.ranking.board_flush_interval,
             1ms, 1h,
             "at most one write of a day's changed board lists per interval");
  o.integer("ranking.weights.like", p.ranking.weights.likes, 0, 1'000'000,
            "score per like");
  o.integer("ranking.weights.comment", p.ranking.weights.comments, 0, 1'000'000,
            "score per comment");
  o.integer("ranking.weights.view", p.ranking.weights.views, 0, 1'000'000,
            "score per view");

  o.integer("shards.count", p.shards.count, 1, 256,
            "article-state shards of each ranking task (one task per owned "
            "internal partition)");
  o.integer("shards.pending-limit", p.shards.pending_limit, 0, 100'000'000,
            "counts kept per shard while their article is not created yet");
  o.duration("shards.pending-ttl", p.shards.pending_ttl, 1s, 7 * 24h,
             "how long such counts wait, in stream time, from the later of "
             "their stamp and their arrival");
  o.boolean("shards.snowflake-article-ids", p.shards.snowflake_article_ids,
            "article ids are Snowflakes: counts for articles of sealed days "
            "are late at once instead of waiting");
  o.duration("shards.clock-skew", p.shards.clock_skew, 0ms, 1h,
             "how much earlier than a day's start its events may be stamped");

  o.text("log.level", settings.log_level,
         "trace, debug, info, warn, error or off");
  o.duration("log.throughput-interval", settings.throughput_interval, 0ms, 1h,
             "how often a throughput line is logged (0: never)");
  o.duration("shutdown.timeout", settings.shutdown_timeout, 1s, 10min,
             "longest graceful stop before giving up on drains and flushes");
  o.number("embedded.rate", settings.embedded_rate, 0, 50'000,
           "events per second of the built-in generator in embedded mode "
           "(0: no generator, feed the mock cluster yourself)");
  o.integer("scheduler.threads", settings.threads, 0, 256,
            "actor scheduler threads (0: one per core)");

  // Read by docker/docker-compose.yml on the host (the image to run, the
  // generator's rate), never by the daemon: set, they are no typo.
  o.foreign_variable("HOT_ARTICLES_IMAGE");
  o.foreign_variable("HOT_ARTICLES_GEN_RATE");
}

option_table::outcome daemon_config::load(int argc, char** argv, char** envp) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::map<std::string, std::string> env;
  for (char** e = envp; e != nullptr && *e != nullptr; ++e) {
    std::string entry{*e};
    auto eq = entry.find('=');
    if (eq != std::string::npos)
      env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
  }
  auto outcome = options_.load(args, env);
  if (outcome.help || outcome.version || !outcome.error.empty())
    return outcome;
  const auto& p = settings.pipeline;
  if (auto calendar = day_calendar::make(p.timezone, p.seal_after))
    settings.calendar = std::move(*calendar);
  else
    settings.calendar.reset();
  if (auto problem = check(); !problem.empty()) {
    outcome.error = problem;
    return outcome;
  }
  if (settings.threads > 0)
    set("scheduler.max-threads", static_cast<size_t>(settings.threads));
  calm_idle_workers(*this);
  return outcome;
}

std::string daemon_config::check() const {
  const auto& p = settings.pipeline;
  const auto& k = p.kafka;
  // A value from the config file is named with its file and line.
  auto at = [this](const char* name) { return options_.file_place(name); };
  if (!settings.calendar)
    return at("ranking.timezone") + "ranking.timezone: unknown time zone '"
           + p.timezone + "' (an IANA name such as Asia/Seoul)";
  if (!log::parse_level(settings.log_level))
    return at("log.level")
           + "log.level: expected trace, debug, info, warn, error or off, got '"
           + settings.log_level + "'";
  if (!is_loopback(settings.admin_host) && settings.admin_token.empty())
    return at("admin.host") + "admin.host=" + settings.admin_host
           + " is not a loopback address (localhost, ::1 or 127.x.x.x): set "
             "admin.token as well";
  if (auto refused = refused_kafka_property(k.properties); !refused.empty())
    return "kafka.property." + refused;
  if (k.group_id.empty())
    return at("kafka.group-id")
           + "kafka.group-id=\"\": the consumer group must have a name";
  auto names = k.topics();
  std::set<std::string> topics{names.begin(), names.end()};
  if (topics.size() != 4 || topics.count("") != 0)
    return "kafka.topics.*: the four topics must be distinct and not empty, "
           "got article=\""
           + k.article_topic + "\", comment=\"" + k.comment_topic
           + "\", like=\"" + k.like_topic + "\", view=\"" + k.view_topic + "\"";
  if (topics.count(settings.dead_letter_topic) != 0)
    return "kafka.dead-letter-topic=\"" + settings.dead_letter_topic
           + "\" is also a consumed topic (kafka.topics.*); it must differ";
  if (topics.count(k.internal_topic()) != 0)
    return "kafka.by-article-topic=\"" + k.internal_topic()
           + "\" is also a consumed topic (kafka.topics.*); it must differ";
  if (k.internal_topic() == settings.dead_letter_topic)
    return "kafka.by-article-topic=\"" + k.internal_topic()
           + "\" is also kafka.dead-letter-topic; they must differ";
  if (p.redis.retry_min > p.redis.retry_max)
    return "redis.retry-min=" + format_duration(p.redis.retry_min)
           + " must be at most redis.retry-max="
           + format_duration(p.redis.retry_max);
  if (settings.http_port != 0 && settings.http_port == settings.admin_port
      && settings.http_host == settings.admin_host)
    return "http.port=" + std::to_string(settings.http_port)
           + " and admin.port=" + std::to_string(settings.admin_port)
           + " must differ on the same host " + settings.http_host;
  return {};
}

std::string daemon_config::help() const {
  return options_.help(
    "Usage: hot-articles [--config-file=FILE] [--group.key=value ...]\n\n"
    "Keeps the 10 hottest articles of each day in Redis from the board's "
    "Kafka events, serves them over HTTP, and shows its actors to the "
    "hot-articles-console.");
}

} // namespace hot
