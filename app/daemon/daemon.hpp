// The daemon's life: start in order, serve, stop in reverse order.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <caf/all.hpp>

#include "actors/io/mock_cluster.hpp"
#include "actors/lease_keeper.hpp"
#include "actors/stats_board.hpp"
#include "app/daemon/admin_api.hpp"
#include "app/daemon/daemon_config.hpp"
#include "app/daemon/http_api.hpp"
#include "app/daemon/signal_waiter.hpp"
#include "app/pipeline.hpp"

namespace hot {

/// Start order: (embedded mode: the mock cluster and the generator), the
/// HTTP API (health answers while the rest starts), the admin interface,
/// introspection, the instance lease (a standby waits here until it holds
/// it), the Redis writer (waiting for Redis as long as it takes), directory
/// and shards, the Kafka source. A signal stops them in reverse: the
/// generator, the source (drain, final flush, commit), the directory and
/// writer, the lease (released), the admin interface and HTTP API, the
/// cluster.
class daemon {
public:
  daemon(caf::actor_system& system, daemon_settings settings,
         std::string config_file);
  ~daemon();

  /// Runs until a stop is requested; the process exit code.
  int run(signal_waiter& signals);

private:
  void log_summary() const;
  bool start_embedded();
  void stop_embedded();
  bool watch(signal_waiter& signals);
  bool wait_for_lease(signal_waiter& signals);
  void release_lease();

  caf::actor_system& system_;
  daemon_settings settings_;
  std::string config_file_;
  std::shared_ptr<service_status> status_;
  std::shared_ptr<stats_board> board_;
  std::optional<mock_cluster> cluster_;
  std::atomic<bool> generator_stop_{false};
  std::thread generator_;
  std::unique_ptr<http_api> http_;
  std::unique_ptr<admin_api> admin_;
  introspection_actor introspection_;
  std::optional<pipeline> pipeline_;
  std::shared_ptr<lease_status> lease_ = std::make_shared<lease_status>();
  std::shared_ptr<lease_fence> fence_;
  lease_keeper_actor lease_keeper_;
  std::atomic<bool> lease_guard_stop_{false};
  std::thread lease_guard_;
};

} // namespace hot
