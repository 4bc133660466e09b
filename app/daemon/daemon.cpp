// The daemon's life: start in order, serve, stop in reverse order.
#include "app/daemon/daemon.hpp"

#include <cstdlib>

#include "actors/introspection.hpp"
#include "app/daemon/dead_letter.hpp"
#include "app/generator/gen_error.hpp"
#include "app/generator/generator.hpp"
#include "common/duration.hpp"
#include "common/logger.hpp"

namespace hot {

namespace {

using namespace std::chrono_literals;

std::string endpoint(const std::string& host, uint16_t port) {
  auto shown = host == "0.0.0.0" ? std::string{"localhost"} : host;
  return "http://" + shown + ":" + std::to_string(port);
}

} // namespace

daemon::daemon(caf::actor_system& system, daemon_settings settings,
               std::string config_file)
  : system_(system),
    settings_(std::move(settings)),
    config_file_(std::move(config_file)),
    status_(std::make_shared<service_status>()),
    board_(std::make_shared<stats_board>()),
    // Open for half the TTL past each confirmed renewal: Redis keeps the
    // key at least the whole TTL past it, so the writes stop well before
    // a standby could take over.
    fence_(settings_.lease.enabled
             ? std::make_shared<lease_fence>(settings_.lease.ttl / 2)
             : std::make_shared<lease_fence>()) {
  status_->lease = fence_;
  settings_.pipeline.fence = fence_;
}

daemon::~daemon() {
  stop_embedded();
  lease_guard_stop_ = true;
  if (lease_guard_.joinable())
    lease_guard_.join();
}

// Waits as a standby until this instance holds the group's lease; false
// when a stop was requested first. From then on the fence (see
// lease_fence) holds every write and commit while the lease is not
// confirmed, e.g. while Redis is out of reach: the daemon stays up and
// resumes when the keeper renews or takes back the lease. Only a definite
// loss (the key holds another instance's id) ends the process, at once, from
// a guard thread: an exit stops every write whatever the actors are doing
// (a graceful stop would flush).
bool daemon::wait_for_lease(signal_waiter& signals) {
  if (!settings_.lease.enabled)
    return true;
  status_->phase = service_phase::standby;
  lease_keeper_ = system_.spawn<caf::detached>(
    lease_keeper, settings_.lease, settings_.pipeline.redis,
    settings_.pipeline.kafka.group_id, lease_, fence_);
  caf::anon_send(introspection_, caf::put_atom_v,
                 caf::actor_cast<stats_source_actor>(lease_keeper_));
  while (!lease_->held) {
    if (signals.wait_for(100ms))
      return false;
  }
  lease_guard_ = std::thread{[this] {
    bool writable = true;
    while (!lease_guard_stop_) {
      if (lease_->lost) {
        HOT_LOG_ERROR("daemon",
                      "another instance holds the lease: exiting at once, "
                      "without flushing or committing, so that no write of "
                      "this instance follows the next holder's; a restart "
                      "waits as a standby and resumes from the committed "
                      "offsets");
        std::_Exit(3);
      }
      // Only the transitions are logged; the writer holds the writes.
      if (writable != fence_->writable() && !fence_->closed()) {
        writable = !writable;
        if (writable)
          HOT_LOG_INFO("daemon", "the instance lease is confirmed again; "
                                 "writes and commits resume");
        else
          HOT_LOG_WARN("daemon",
                       "the instance lease was not confirmed for "
                         << fence_->confirmed_ago().count()
                         << " ms: writes and commits are held until Redis "
                            "answers again (the process stays up)");
      }
      std::this_thread::sleep_for(50ms);
    }
  }};
  return true;
}

// After the last write: the guard stops, the lease is deleted so a standby
// takes over at once.
void daemon::release_lease() {
  lease_guard_stop_ = true;
  if (lease_guard_.joinable())
    lease_guard_.join();
  if (!lease_keeper_)
    return;
  caf::scoped_actor self{system_};
  self->request(lease_keeper_, 5s, drain_atom_v)
    .receive([](caf::ok_atom) {}, [](caf::error&) {});
  self->send_exit(lease_keeper_, caf::exit_reason::user_shutdown);
  self->wait_for(lease_keeper_);
}

void daemon::log_summary() const {
  const auto& p = settings_.pipeline;
  HOT_LOG_INFO(
    "daemon",
    "starting: Kafka "
      << (settings_.embedded() ? "embedded mock cluster" : p.kafka.brokers)
      << ", group " << p.kafka.group_id << ", topics " << p.kafka.article_topic
      << ", " << p.kafka.comment_topic << ", " << p.kafka.like_topic << ", "
      << p.kafka.view_topic << "; Redis " << p.redis.host << ":" << p.redis.port
      << "; HTTP " << settings_.http_host << ":" << settings_.http_port
      << "; admin " << settings_.admin_host << ":" << settings_.admin_port
      << "; time zone " << p.timezone << ", days sealed "
      << format_duration(p.seal_after) << " past midnight, lists "
      << "kept " << format_duration(p.redis.list_ttl) << "; config "
      << (config_file_.empty() ? std::string{"defaults"} : config_file_));
  if (p.redis.list_ttl < std::chrono::hours{24 * 7})
    HOT_LOG_WARN("daemon", "ranking.list-ttl is under 7 days: the recent-days "
                           "endpoint will miss older lists");
}

bool daemon::start_embedded() {
  auto& kafka = settings_.pipeline.kafka;
  auto cluster = mock_cluster::start(1, kafka.topics(),
                                     mock_cluster::partitions_per_topic);
  if (!cluster) {
    HOT_LOG_ERROR("daemon", "cannot start the embedded mock cluster: "
                              << describe_io(cluster.error()));
    return false;
  }
  cluster_.emplace(std::move(*cluster));
  kafka.brokers = cluster_->bootstraps();
  // The mock answers an empty fetch only after fetch.wait.max.ms.
  kafka.properties.emplace("fetch.wait.max.ms", "10");
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
                    "outlives the process and no real producer reaches it. "
                    "Set kafka.brokers to consume a real cluster.");
  if (settings_.embedded_rate <= 0) {
    HOT_LOG_INFO("daemon", "embedded generator off (embedded.rate=0): feed "
                           "the mock cluster yourself, e.g. kcat -P -b "
                             << kafka.brokers);
    return true;
  }
  gen::generator_options options;
  options.brokers = kafka.brokers;
  options.article_topic = kafka.article_topic;
  options.comment_topic = kafka.comment_topic;
  options.like_topic = kafka.like_topic;
  options.view_topic = kafka.view_topic;
  options.rate = settings_.embedded_rate;
  options.timezone = settings_.pipeline.timezone;
  options.seed = static_cast<uint64_t>(
    std::chrono::system_clock::now().time_since_epoch().count());
  options.progress_interval = 60s;
  generator_ = std::thread{[this, options] {
    auto result = gen::run_generator(
      options, generator_stop_, [](const gen::generator_progress& p) {
        HOT_LOG_DEBUG("generator", p.produced << " events produced, "
                                              << p.live_articles
                                              << " live articles");
      });
    if (!result)
      HOT_LOG_ERROR("generator", gen::describe_gen_error(result.error()));
  }};
  return true;
}

void daemon::stop_embedded() {
  generator_stop_ = true;
  if (generator_.joinable())
    generator_.join();
}

// True when the pipeline stopped on its own (a fatal error).
bool daemon::watch(signal_waiter& signals) {
  caf::scoped_actor self{system_};
  for (auto actor : {caf::actor_cast<caf::actor>(pipeline_->source),
                     caf::actor_cast<caf::actor>(pipeline_->directory),
                     caf::actor_cast<caf::actor>(pipeline_->writer)})
    self->monitor(actor);
  while (!signals.wait_for(200ms)) {
    bool died = false;
    self->receive(
      [&](caf::down_msg& down) {
        HOT_LOG_ERROR("daemon", "a pipeline actor stopped: " << caf::to_string(
                                  down.reason) << "; shutting down");
        died = true;
      },
      caf::after(std::chrono::seconds{0}) >> [] {});
    if (died)
      return true;
  }
  return false;
}

int daemon::run(signal_waiter& signals) {
  log_summary();
  if (settings_.embedded() && !start_embedded())
    return 1;
  auto calendar = *day_calendar::make(settings_.pipeline.timezone,
                                      settings_.pipeline.seal_after);
  auto reader = std::make_shared<list_reader>(settings_.pipeline.redis,
                                              settings_.http_threads);
  http_limits limits{settings_.http_threads, settings_.http_request_timeout};
  std::shared_ptr<dead_letter_counts> dead_letter_counters;
  if (!settings_.dead_letter_topic.empty())
    dead_letter_counters = std::make_shared<dead_letter_counts>();
  http_ = std::make_unique<http_api>(calendar, reader, board_, status_, limits,
                                     dead_letter_counters,
                                     settings_.http_cache_ttl);
  auto port = http_->start(settings_.http_host, settings_.http_port);
  if (!port) {
    HOT_LOG_ERROR("daemon", "HTTP API: " << caf::to_string(port.error()));
    return 1;
  }
  HOT_LOG_INFO("daemon",
               "HTTP API on " << endpoint(settings_.http_host, *port));
  // A few operators at a time: the console holds one connection each.
  http_limits admin_limits{4, settings_.http_request_timeout};
  admin_ = std::make_unique<admin_api>(system_, board_, reader,
                                       settings_.admin_token, admin_limits);
  auto admin_port = admin_->start(settings_.admin_host, settings_.admin_port);
  if (!admin_port) {
    HOT_LOG_ERROR("daemon",
                  "admin interface: " << caf::to_string(admin_port.error()));
    http_->stop();
    return 1;
  }
  HOT_LOG_INFO("daemon", "admin interface on "
                           << endpoint(settings_.admin_host, *admin_port)
                           << (settings_.admin_token.empty()
                                 ? " (no token)"
                                 : " (bearer token required)"));
  introspection_ = system_.spawn(
    introspection, introspection_settings{1s, settings_.throughput_interval},
    board_);
  if (!wait_for_lease(signals)) {
    HOT_LOG_INFO("daemon", "stopped while standby");
    release_lease();
    caf::anon_send_exit(introspection_, caf::exit_reason::user_shutdown);
    admin_->stop();
    http_->stop();
    return 0;
  }
  status_->phase = service_phase::waiting_for_redis;
  auto core = start_core(system_, settings_.pipeline,
                         &signals.stop_requested());
  if (!core) {
    HOT_LOG_INFO("daemon", "stopped before Redis answered");
    release_lease();
    caf::anon_send_exit(introspection_, caf::exit_reason::user_shutdown);
    admin_->stop();
    http_->stop();
    return 0;
  }
  pipeline_.emplace(std::move(*core));
  pipeline_->health = status_->kafka;
  admin_->attach(pipeline_->directory);
  std::shared_ptr<dead_letter_producer> dead_letters;
  rejection_sink on_rejected;
  if (dead_letter_counters) {
    auto producer = dead_letter_producer::start(
      dead_letter_settings{
        settings_.pipeline.kafka.brokers, settings_.dead_letter_topic,
        settings_.pipeline.kafka.properties, settings_.dead_letter_queue},
      dead_letter_counters);
    if (!producer) {
      HOT_LOG_ERROR("daemon",
                    "dead-letter producer: " << describe_io(producer.error()));
      stop_pipeline(system_, *pipeline_, settings_.shutdown_timeout);
      release_lease();
      caf::anon_send_exit(introspection_, caf::exit_reason::user_shutdown);
      admin_->stop();
      http_->stop();
      return 1;
    }
    dead_letters = std::move(*producer);
    on_rejected = dead_letter_sink(dead_letters);
    HOT_LOG_INFO("daemon", "rejected messages are copied to "
                             << settings_.dead_letter_topic);
  }
  start_source(system_, *pipeline_, settings_.pipeline, std::move(on_rejected));
  for (auto source : {caf::actor_cast<stats_source_actor>(pipeline_->source),
                      caf::actor_cast<stats_source_actor>(pipeline_->directory),
                      caf::actor_cast<stats_source_actor>(pipeline_->writer)})
    caf::anon_send(introspection_, caf::put_atom_v, source);
  status_->phase = service_phase::running;
  HOT_LOG_INFO("daemon", "running; try "
                           << endpoint(settings_.http_host, *port)
                           << "/v1/hot-articles/articles/recent and "
                              "hot-articles-console --admin "
                           << settings_.admin_host << ":" << *admin_port);
  bool failed = watch(signals);
  status_->phase = service_phase::stopping;
  stop_embedded();
  auto stored = stop_pipeline(system_, *pipeline_, settings_.shutdown_timeout);
  // After the source: no partition can reject anything any more.
  if (dead_letters)
    dead_letters->close(std::chrono::seconds{5});
  release_lease();
  caf::anon_send_exit(introspection_, caf::exit_reason::user_shutdown);
  admin_->stop();
  http_->stop();
  if (!stored)
    HOT_LOG_WARN("daemon", "stopped without storing everything; the next "
                           "start re-reads the uncommitted events");
  else
    HOT_LOG_INFO("daemon", "stopped: everything stored and committed");
  return failed ? 1 : 0;
}

} // namespace hot
