// The daemon's life: start in order, serve, stop in reverse order.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <caf/all.hpp>

#include "actors/introspection/stats_board.hpp"
#include "app/daemon/daemon_config.hpp"
#include "app/daemon/embedded_mode.hpp"
#include "app/daemon/signal_waiter.hpp"
#include "app/http/admin_api.hpp"
#include "app/http/http_api.hpp"
#include "app/pipeline.hpp"

namespace hot {

/// Start order: (embedded mode: the mock cluster), the HTTP API (health
/// answers while the rest starts), the admin interface, introspection, the
/// producer of the copies, the pipeline (once Redis answers, as long as
/// that takes) with the internal topic's check and the Kafka source, and
/// (embedded mode) the generator. A signal, a failed start or a pipeline
/// actor's end stops them in reverse order, from one `teardown`: the
/// generator, the pipeline (drain, final flushes, commits), the producer,
/// introspection, the admin interface, the HTTP API, the cluster.
class daemon {
public:
  daemon(caf::actor_system& system, daemon_settings settings,
         std::string config_sources);
  ~daemon();

  /// Runs until a stop is requested; the process exit code.
  int run(signal_waiter& signals);

private:
  void log_summary() const;
  /// Where to look, once everything runs: the real ports, today's day in
  /// the ranking zone, and what feeds it.
  void log_banner(const day_calendar& calendar, uint16_t http_port,
                  uint16_t admin_port) const;
  bool start_embedded();
  bool watch(signal_waiter& signals);

  caf::actor_system& system_;
  daemon_settings settings_;
  /// Where the settings came from ("defaults + 2 command-line options").
  std::string config_sources_;
  std::shared_ptr<service_status> status_;
  std::shared_ptr<stats_board> board_;
  std::unique_ptr<embedded_mode> embedded_;
  std::unique_ptr<http_api> http_;
  std::unique_ptr<admin_api> admin_;
  introspection_actor introspection_;
  std::optional<pipeline> pipeline_;
};

/// The default `kafka.instance-id`: the host name and the HTTP port, unique
/// on a host (two instances cannot share the port) and stable across
/// restarts; the host name and process id when the port is chosen at
/// random. "none" turns static membership off.
std::string default_instance_id(const std::string& configured,
                                uint16_t http_port);

} // namespace hot
