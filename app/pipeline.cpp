// Wiring: the spawn order of the pipeline's actors and the reverse stop.
#include "app/pipeline.hpp"

#include "actors/directory.hpp"
#include "actors/redis_writer.hpp"
#include "actors/state/recovery.hpp"
#include "common/logger.hpp"

namespace hot {

std::vector<caf::actor> top_level_actors(const pipeline& p) {
  return {caf::actor_cast<caf::actor>(p.source),
          caf::actor_cast<caf::actor>(p.directory),
          caf::actor_cast<caf::actor>(p.writer)};
}

caf::expected<pipeline> start_core(caf::actor_system& sys,
                                   const pipeline_settings& settings,
                                   const std::atomic<bool>* cancelled) {
  auto calendar = day_calendar::make(settings.timezone, settings.seal_after);
  if (!calendar)
    return calendar.error();
  pipeline p{*calendar, {}, {}, {}, {}, {}, std::make_shared<kafka_health>()};
  p.writer = sys.spawn<caf::detached>(
    redis_writer, settings.redis, settings.ranking.list_size, settings.fence);
  caf::scoped_actor self{sys};
  std::optional<day_key> stored;
  bool answered = false;
  while (!answered) {
    if (cancelled != nullptr && cancelled->load()) {
      self->send_exit(p.writer, caf::exit_reason::user_shutdown);
      return caf::make_error(caf::sec::request_timeout,
                             "stopped while waiting for Redis");
    }
    self
      ->request(p.writer, std::chrono::seconds{1}, caf::get_atom_v,
                sealed_atom_v)
      .receive(
        [&](day_key day) {
          answered = true;
          if (day != day_key{})
            stored = day;
        },
        [&](caf::error&) {
          // Still unreachable; the writer logs every attempt.
        });
  }
  p.sealed_through = initial_sealed_through(p.calendar, stored, now_instant(),
                                            settings.redis.list_ttl);
  HOT_LOG_INFO("pipeline",
               "lists are final through "
                 << p.sealed_through.to_string()
                 << (stored ? " (stored in Redis)" : " (first start)")
                 << "; rebuilding from "
                 << p.sealed_through.next().to_string());
  directory_settings ds{p.calendar, settings.ranking, settings.shards};
  p.directory = sys.spawn(directory, ds, p.writer, p.sealed_through);
  self->request(p.directory, caf::infinite, caf::get_atom_v, shards_atom_v)
    .receive([&](std::vector<shard_actor>& shards) { p.shards = shards; },
             [&](caf::error&) {});
  return p;
}

void start_source(caf::actor_system& sys, pipeline& p,
                  const pipeline_settings& settings,
                  rejection_sink on_rejected) {
  kafka_source_setup setup{
    settings.kafka, p.calendar, settings.shards.clock_skew, p.directory,
    p.shards,       p.health,   std::move(on_rejected)};
  p.source = sys.spawn<caf::detached>(kafka_source, std::move(setup));
}

bool stop_pipeline(caf::actor_system& sys, pipeline& p,
                   std::chrono::milliseconds timeout) {
  caf::scoped_actor self{sys};
  bool stored = true;
  if (p.source) {
    self->request(p.source, timeout, drain_atom_v)
      .receive([](caf::ok_atom) {},
               [&](caf::error& err) {
                 stored = false;
                 HOT_LOG_WARN("pipeline", "Kafka source did not stop cleanly: "
                                            << caf::to_string(err));
               });
  }
  if (p.directory) {
    self->request(p.directory, timeout, barrier_atom_v)
      .receive([](caf::ok_atom) {},
               [&](caf::error& err) {
                 stored = false;
                 HOT_LOG_WARN("pipeline",
                              "last flush incomplete: " << caf::to_string(err));
               });
  }
  for (const auto& actor : top_level_actors(p)) {
    if (!actor)
      continue;
    self->send_exit(actor, caf::exit_reason::user_shutdown);
    self->wait_for(actor);
  }
  return stored;
}

} // namespace hot
