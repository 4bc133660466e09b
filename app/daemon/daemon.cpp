// The daemon's life: start in order, serve, stop in reverse order.
#include "app/daemon/daemon.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "actors/introspection/introspection.hpp"
#include "actors/kafka/dead_letter.hpp"
#include "app/daemon/console_command.hpp"
#include "app/daemon/teardown.hpp"
#include "app/error_text.hpp"
#include "common/duration.hpp"
#include "common/logger.hpp"
#include "messages/error_text.hpp"

namespace hot {

namespace {

using namespace std::chrono_literals;

std::string endpoint(const std::string& host, uint16_t port) {
  auto shown = host == "0.0.0.0" ? std::string{"localhost"} : host;
  return "http://" + shown + ":" + std::to_string(port);
}

} // namespace

// "cannot listen on HOST:PORT: Address already in use; set http.port ..."
std::string listen_failure(const caf::error& err, const char* option) {
  auto what = context_text(err);
  if (what.empty())
    what = caf::to_string(err);
  return what + "; set " + option
         + " (each instance on a host needs its own port)";
}

std::string default_instance_id(const std::string& configured,
                                uint16_t http_port) {
  if (configured == "none")
    return {};
  if (!configured.empty())
    return configured;
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0)
    std::snprintf(host.data(), host.size(), "hot-articles");
  auto suffix = http_port != 0 ? std::to_string(http_port)
                               : "pid" + std::to_string(getpid());
  return std::string{host.data()} + "-" + suffix;
}

daemon::daemon(caf::actor_system& system, daemon_settings settings,
               std::string config_sources)
  : system_(system),
    settings_(std::move(settings)),
    config_sources_(std::move(config_sources)),
    status_(std::make_shared<service_status>()),
    board_(std::make_shared<stats_board>()) {
  auto& kafka = settings_.pipeline.kafka;
  kafka.instance_id = default_instance_id(kafka.instance_id,
                                          settings_.http_port);
}

daemon::~daemon() = default;

void daemon::log_summary() const {
  const auto& p = settings_.pipeline;
  HOT_LOG_INFO(
    "daemon",
    "starting: Kafka "
      << (settings_.embedded() ? "embedded mock cluster" : p.kafka.brokers)
      << ", group " << p.kafka.group_id << ", topics " << p.kafka.article_topic
      << ", " << p.kafka.comment_topic << ", " << p.kafka.like_topic << ", "
      << p.kafka.view_topic << "; Redis " << p.redis.host << ":" << p.redis.port
      << ", internal topic " << p.kafka.internal_topic() << " ("
      << p.kafka.by_article_partitions << " partitions), instance "
      << (p.kafka.instance_id.empty() ? std::string{"(no static membership)"}
                                      : p.kafka.instance_id)
      << "; HTTP " << settings_.http_host << ":" << settings_.http_port
      << "; admin " << settings_.admin_host << ":" << settings_.admin_port
      << "; time zone " << p.timezone << ", days sealed "
      << format_duration(p.seal_after) << " past midnight, lists "
      << "kept " << format_duration(p.redis.list_ttl)
      << "; config: " << config_sources_);
  if (p.redis.list_ttl < std::chrono::hours{24 * 7})
    HOT_LOG_WARN("daemon", "ranking.list-ttl is under 7 days: the recent-days "
                           "endpoint will miss older lists");
}

void daemon::log_banner(const day_calendar& calendar, uint16_t http_port,
                        uint16_t admin_port) const {
  auto api = endpoint(settings_.http_host, http_port);
  auto today = calendar.day_at(now_instant());
  // kafka.brokers names the embedded cluster once it runs: ask for it.
  std::string source = embedded_
                         ? embedded_mode::description(settings_.embedded_rate)
                         : "Kafka at " + settings_.pipeline.kafka.brokers;
  HOT_LOG_INFO(
    "daemon",
    "running: " << source << ".\n"
                << "  Rankings:  curl -s " << api
                << "/v1/hot-articles/articles/recent\n"
                << "  Today:     curl -s " << api
                << "/v1/hot-articles/articles/date/" << today.to_string()
                << "  (" << calendar.zone_name() << ")\n"
                << "  Health:    curl -s " << api << "/health\n"
                << "  Metrics:   curl -s " << api << "/metrics\n"
                << "  Console:   " << console_path() << " --admin "
                << (settings_.admin_host == "0.0.0.0" ? std::string{"127.0.0.1"}
                                                      : settings_.admin_host)
                << ":" << admin_port << "\n"
                << "  Stop:      Ctrl-C (a second Ctrl-C exits at once)");
}

// Embedded mode: the mock cluster, with the warning that it is one.
bool daemon::start_embedded() {
  auto& kafka = settings_.pipeline.kafka;
  auto embedded = embedded_mode::start(kafka);
  if (!embedded) {
    HOT_LOG_ERROR("daemon", "cannot start the embedded mock cluster: "
                              << describe_error(embedded.error()));
    return false;
  }
  embedded_ = std::move(*embedded);
  auto feeding
    = settings_.embedded_rate > 0
        ? "fed by the built-in generator at "
            + std::to_string(static_cast<int64_t>(settings_.embedded_rate))
            + " events/s"
        : std::string{"with no generator (embedded.rate=0)"};
  HOT_LOG_WARN("daemon",
               "EMBEDDED MODE: Kafka is an in-process librdkafka MOCK cluster ("
                 << kafka.brokers << ") " << feeding
                 << ". It is for trying hot-articles out: nothing in it "
                    "outlives the process. Until it exits, producers on "
                    "this host reach it at "
                 << kafka.brokers
                 << " (kcat, the generator, another hot-articles). Set "
                    "kafka.brokers to consume a real cluster.");
  if (settings_.embedded_rate <= 0)
    HOT_LOG_INFO("daemon", "embedded generator off (embedded.rate=0): feed "
                           "the mock cluster yourself, e.g. kcat -P -b "
                             << kafka.brokers);
  return true;
}

// True when the pipeline stopped on its own (a fatal error). Sleeps until
// a pipeline actor goes down or a stop signal arrives, whichever is first.
bool daemon::watch(signal_waiter& signals) {
  caf::scoped_actor self{system_};
  for (const auto& actor : top_level_actors(*pipeline_))
    self->monitor(actor);
  caf::actor me = self;
  signals.on_stop([me] { caf::anon_send(me, caf::close_atom_v); });
  bool died = false;
  self->receive(
    [&](caf::down_msg& down) {
      HOT_LOG_ERROR("daemon", "a pipeline actor stopped: " << caf::to_string(
                                down.reason) << "; shutting down");
      died = true;
    },
    [](caf::close_atom) {
      // a stop signal: the caller stops everything
    });
  signals.on_stop({});
  return died;
}

int daemon::run(signal_waiter& signals) {
  log_summary();
  if (settings_.embedded() && !start_embedded())
    return 1;
  // Set by the pipeline's stop, which `stops` may run on its way out.
  bool stored = true;
  // Every return below stops what started, newest first.
  teardown stops;
  const auto& calendar = *settings_.calendar;
  auto reader = std::make_shared<list_reader>(settings_.pipeline.redis,
                                              settings_.http_threads);
  http_limits limits{settings_.http_threads, settings_.http_request_timeout};
  // I/O threads sleep between requests, so several cost little; on a
  // busy host, where each is descheduled at times, a stalled one holds up
  // fewer connections, and ones that sleep more are woken sooner. On 2
  // busy cores, 8 answered with a lower p99 than 2, and a lone one stalled
  // every connection whenever it waited for a core.
  limits.io_threads = std::clamp(4 * std::thread::hardware_concurrency(), 4u,
                                 16u);
  std::shared_ptr<dead_letter_counts> dead_letter_counters;
  if (!settings_.dead_letter_topic.empty())
    dead_letter_counters = std::make_shared<dead_letter_counts>();
  // The admin interface listens before the API, so whoever waits for
  // /health finds it up. A few operators at a time: the console holds one
  // connection each.
  http_limits admin_limits{4, settings_.http_request_timeout};
  admin_ = std::make_unique<admin_api>(system_, calendar, board_, reader,
                                       settings_.admin_token, admin_limits);
  auto admin_port = admin_->start(settings_.admin_host, settings_.admin_port);
  if (!admin_port) {
    HOT_LOG_ERROR("daemon", "admin interface: " << listen_failure(
                              admin_port.error(), "admin.port"));
    return 1;
  }
  stops.push([this] { admin_->stop(); });
  HOT_LOG_INFO("daemon", "admin interface on "
                           << endpoint(settings_.admin_host, *admin_port)
                           << (settings_.admin_token.empty()
                                 ? " (no token)"
                                 : " (bearer token required)"));
  http_ = std::make_unique<http_api>(calendar, reader, board_, status_, limits,
                                     dead_letter_counters,
                                     settings_.http_cache_ttl);
  auto port = http_->start(settings_.http_host, settings_.http_port);
  if (!port) {
    HOT_LOG_ERROR("daemon",
                  "HTTP API: " << listen_failure(port.error(), "http.port"));
    return 1;
  }
  stops.push([this] { http_->stop(); });
  HOT_LOG_INFO("daemon",
               "HTTP API on " << endpoint(settings_.http_host, *port));
  introspection_ = system_.spawn(
    introspection, introspection_settings{1s, settings_.throughput_interval},
    board_);
  stops.push([this] {
    caf::anon_send_exit(introspection_, caf::exit_reason::user_shutdown);
  });
  // Before the pipeline, so that it closes after the source: then no
  // partition can reject anything any more.
  std::shared_ptr<dead_letter_producer> dead_letters;
  rejection_sink on_rejected;
  if (dead_letter_counters) {
    auto producer = dead_letter_producer::start(
      dead_letter_settings{
        settings_.pipeline.kafka.brokers, settings_.dead_letter_topic,
        settings_.pipeline.kafka.properties, settings_.dead_letter_queue},
      dead_letter_counters);
    if (!producer) {
      HOT_LOG_ERROR("daemon", "dead-letter producer: "
                                << describe_error(producer.error()));
      return 1;
    }
    dead_letters = std::move(*producer);
    stops.push([dead_letters] { dead_letters->close(5s); });
    on_rejected = dead_letter_sink(dead_letters);
    HOT_LOG_INFO("daemon", "rejected messages are copied to "
                             << settings_.dead_letter_topic);
  }
  status_->phase = service_phase::waiting_for_redis;
  auto core = start_core(system_, settings_.pipeline, calendar,
                         &signals.stop_requested());
  if (!core) {
    HOT_LOG_INFO("daemon", "stopped before Redis answered");
    return 0;
  }
  pipeline_.emplace(std::move(*core));
  stops.push([this, &stored] {
    stored = stop_pipeline(system_, *pipeline_, settings_.shutdown_timeout);
  });
  pipeline_->health = status_->kafka;
  admin_->attach(pipeline_->tasks);
  status_->phase = service_phase::waiting_for_kafka;
  auto topic = wait_for_internal_topic(*pipeline_, settings_.pipeline,
                                       &signals.stop_requested());
  if (topic == caf::sec::request_timeout) {
    HOT_LOG_INFO("daemon", "stopped before Kafka answered");
    return 0;
  }
  caf::error err = topic;
  if (!err)
    err = start_source(system_, *pipeline_, settings_.pipeline,
                       std::move(on_rejected));
  if (err) {
    HOT_LOG_ERROR("daemon", "cannot start consuming: " << describe_error(err));
    return 1;
  }
  for (const auto& actor : top_level_actors(*pipeline_))
    caf::anon_send(introspection_, caf::put_atom_v,
                   caf::actor_cast<stats_source_actor>(actor));
  if (embedded_) {
    embedded_->start_generator(settings_.pipeline.kafka,
                               settings_.embedded_rate,
                               settings_.pipeline.timezone);
    stops.push([this] { embedded_->stop_generator(); });
  }
  status_->phase = service_phase::running;
  log_banner(calendar, *port, *admin_port);
  bool failed = watch(signals);
  status_->phase = service_phase::stopping;
  stops.run();
  if (!stored)
    HOT_LOG_WARN("daemon", "stopped without storing everything; the next "
                           "start re-reads the uncommitted events");
  else
    HOT_LOG_INFO("daemon", "stopped: everything stored and committed");
  return failed ? 1 : 0;
}

} // namespace hot
