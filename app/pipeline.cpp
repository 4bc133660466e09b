// Wiring: the spawn order of the pipeline's actors and the reverse stop.
#include "app/pipeline.hpp"

#include <thread>

#include "actors/by_article/internal_topic.hpp"
#include "actors/kafka/rekey_sink.hpp"
#include "actors/ranking/state/recovery.hpp"
#include "actors/redis/list_store.hpp"
#include "actors/redis/redis_connection.hpp"
#include "app/error_text.hpp"
#include "common/logger.hpp"

namespace hot {

namespace {

// The served lists' sealed-through marker, or none; retries until Redis
// answers or the wait is cancelled.
caf::expected<std::optional<day_key>>
read_sealed_through(const redis_settings& settings,
                    const std::atomic<bool>* cancelled) {
  std::chrono::milliseconds backoff = settings.retry_min;
  for (uint64_t attempt = 1;; ++attempt) {
    if (cancelled != nullptr && cancelled->load())
      return caf::make_error(caf::sec::request_timeout,
                             "stopped while waiting for Redis");
    auto conn = redis_connection::open(settings);
    caf::error failure;
    if (conn) {
      auto reply = conn->call(sealed_through_read());
      if (reply)
        return parse_sealed_through(**reply);
      failure = reply.error();
    } else {
      failure = conn.error();
    }
    HOT_LOG_WARN("pipeline", "cannot reach Redis at "
                               << settings.host << ":" << settings.port << ": "
                               << describe_error(failure) << "; retrying in "
                               << backoff.count() << " ms (attempt " << attempt
                               << ")");
    auto until = std::chrono::steady_clock::now() + backoff;
    while (std::chrono::steady_clock::now() < until
           && (cancelled == nullptr || !cancelled->load()))
      std::this_thread::sleep_for(std::chrono::milliseconds{20});
    backoff = std::min(backoff * 2, settings.retry_max);
  }
}

// A first start marks the first day it ranks; earlier days are unknown to
// readers. Returns the first day ranked as Redis holds it afterwards (0
// when unknown), for the writers to mark again should Redis lose it. A
// failure costs only that mark.
day_key mark_tracked_since(const redis_settings& settings,
                           std::optional<day_key> first) {
  auto conn = redis_connection::open(settings);
  if (conn && first)
    if (auto written = conn->call(tracked_since_write(*first)); !written)
      HOT_LOG_WARN("pipeline", "cannot mark the first ranked day in Redis: "
                                 << describe_error(written.error()));
  auto reply = conn ? conn->call(tracked_since_read())
                    : caf::expected<redis_reply>{conn.error()};
  if (!reply) {
    HOT_LOG_WARN("pipeline", "cannot mark the first ranked day in Redis: "
                               << describe_error(reply.error()));
    return {};
  }
  if ((*reply)->type != REDIS_REPLY_STRING)
    return {};
  return day_key::parse(std::string_view{(*reply)->str, (*reply)->len})
    .value_or(day_key{});
}

// The consumer's own settings would each draw a warning from the producers
// made here.
std::map<std::string, std::string>
producer_properties(const kafka_settings& kafka) {
  std::map<std::string, std::string> out{{"bootstrap.servers", kafka.brokers}};
  for (const auto& [name, value] : kafka.properties)
    if (!consumer_only_property(name))
      out[name] = value;
  return out;
}

} // namespace

// CAF's idle workers poll for new jobs every 50 us for 25 ms after each
// message: with timers ticking, an idle daemon spent a third of a core
// waking up. Polling ten times less often costs a job on an idle worker
// at most half a millisecond.
void calm_idle_workers(caf::actor_system_config& config) {
  config.set("work-stealing.moderate-sleep-duration",
             caf::timespan{std::chrono::microseconds{500}});
  config.set("work-stealing.moderate-poll-attempts", size_t{50});
}

std::vector<caf::actor> top_level_actors(const pipeline& p) {
  return {caf::actor_cast<caf::actor>(p.source),
          caf::actor_cast<caf::actor>(p.tasks)};
}

caf::expected<pipeline> start_core(caf::actor_system& sys,
                                   const pipeline_settings& settings,
                                   const std::atomic<bool>* cancelled) {
  auto calendar = day_calendar::make(settings.timezone, settings.seal_after);
  if (!calendar)
    return calendar.error();
  return start_core(sys, settings, *calendar, cancelled);
}

caf::expected<pipeline>
start_core(caf::actor_system& sys, const pipeline_settings& settings,
           const day_calendar& calendar, const std::atomic<bool>* cancelled) {
  auto stored = read_sealed_through(settings.redis, cancelled);
  if (!stored)
    return stored.error();
  pipeline p{calendar, {}, {}, {}, {}, std::make_shared<kafka_health>()};
  p.sealed_through = initial_sealed_through(p.calendar, *stored, now_instant(),
                                            settings.redis.list_ttl);
  HOT_LOG_INFO("pipeline",
               "lists are final through "
                 << p.sealed_through.to_string()
                 << (*stored ? " (stored in Redis)" : " (first start)"));
  auto writers = settings.redis;
  writers.tracked_since = mark_tracked_since(
    settings.redis,
    *stored ? std::nullopt : std::optional<day_key>{p.sealed_through.next()});
  ranking_tasks_settings ts{p.calendar,
                            settings.ranking,
                            settings.shards,
                            writers,
                            settings.kafka.by_article_partitions,
                            settings.kafka.drain_timeout,
                            settings.kafka.drain_timeout};
  p.tasks = sys.spawn(ranking_tasks, std::move(ts));
  return p;
}

caf::error wait_for_internal_topic(pipeline& p,
                                   const pipeline_settings& settings,
                                   const std::atomic<bool>* cancelled) {
  const auto& kafka = settings.kafka;
  for (uint64_t attempt = 1;; ++attempt) {
    auto err = ensure_topic(producer_properties(kafka), kafka.internal_topic(),
                            kafka.by_article_partitions,
                            std::min(kafka.drain_timeout,
                                     std::chrono::milliseconds{5000}));
    if (err != kafka_errc::unavailable) {
      p.health->brokers_down = false;
      return err;
    }
    p.health->brokers_down = true;
    HOT_LOG_WARN("pipeline", "Kafka at "
                               << kafka.brokers << " does not answer (attempt "
                               << attempt << "): " << describe_error(err)
                               << "; retrying");
    for (int i = 0; i < 50; ++i) {
      if (cancelled != nullptr && cancelled->load())
        return caf::make_error(caf::sec::request_timeout,
                               "stopped while waiting for Kafka");
      std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
  }
}

caf::error start_source(caf::actor_system& sys, pipeline& p,
                        const pipeline_settings& settings,
                        rejection_sink on_rejected) {
  const auto& kafka = settings.kafka;
  auto topic = kafka.internal_topic();
  auto client = producer_properties(kafka);
  if (auto err = ensure_topic(client, topic, kafka.by_article_partitions,
                              kafka.drain_timeout))
    return err;
  auto producer_props = client;
  // Retries never reorder or duplicate a partition's copies, so watermarks
  // stay behind the copies they cover.
  producer_props["enable.idempotence"] = "true";
  producer_props["queue.buffering.max.messages"] = "1000000";
  // Each copy waits this long in a hop the reader waits for: librdkafka's
  // 5 ms cost the e2e benchmark 6 ms of its median freshness (30 against
  // 24 ms at 1 ms), for about 5 % more daemon CPU per event.
  producer_props.emplace("linger.ms", "1");
  auto producer = kafka_producer::start(producer_props, rekey_sink::on_delivery,
                                        "hot-articles-rekey");
  if (!producer)
    return producer.error();
  p.rekey_producer = std::move(*producer);
  rekey_target rekey{p.rekey_producer, topic, kafka.by_article_partitions,
                     kafka.watermark_interval, std::nullopt};
  if (kafka.compact_copies)
    rekey.compaction = p.calendar;
  kafka_source_setup setup{kafka,
                           p.calendar,
                           settings.shards.clock_skew,
                           p.sealed_through,
                           p.tasks,
                           std::move(rekey),
                           p.health,
                           std::move(on_rejected)};
  p.source = sys.spawn<caf::detached>(kafka_source, std::move(setup));
  return caf::none;
}

bool stop_pipeline(caf::actor_system& sys, pipeline& p,
                   std::chrono::milliseconds timeout) {
  caf::scoped_actor self{sys};
  bool stored = true;
  if (p.source) {
    // Revokes every partition: sources drain their copies and commit,
    // ranking tasks store everything, then commit and stop.
    self->request(p.source, timeout, drain_atom_v)
      .receive([](caf::ok_atom) {},
               [&](caf::error& err) {
                 stored = false;
                 HOT_LOG_WARN("pipeline", "Kafka source did not stop cleanly: "
                                            << caf::to_string(err));
               });
    self->send_exit(p.source, caf::exit_reason::user_shutdown);
    self->wait_for(p.source);
  }
  if (p.rekey_producer) {
    if (auto purged = p.rekey_producer->close(std::chrono::seconds{5});
        purged > 0) {
      stored = false;
      HOT_LOG_WARN("pipeline", purged << " copies to the internal topic were "
                                         "not delivered; their source offsets "
                                         "were not committed");
    }
  }
  if (p.tasks) {
    self->send_exit(p.tasks, caf::exit_reason::user_shutdown);
    self->wait_for(p.tasks);
  }
  return stored;
}

} // namespace hot
