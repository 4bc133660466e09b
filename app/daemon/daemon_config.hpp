// The daemon's settings: every option, its default, and its checks.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <caf/actor_system_config.hpp>

#include "app/daemon/option_table.hpp"
#include "app/pipeline.hpp"
#include "messages/day_calendar.hpp"

namespace hot {

/// Twice the cores, at least 4: requests are answered from memory, so
/// about one worker per core keeps the cores busy, and more workers would
/// only be more threads waiting for them, each adding to the slowest
/// answers.
uint32_t default_http_threads();

struct daemon_settings {
  pipeline_settings pipeline;
  std::string http_host = "0.0.0.0";
  uint16_t http_port = 8080;
  std::string admin_host = "127.0.0.1";
  uint16_t admin_port = 8081;
  std::string admin_token;
  /// Worker threads of the HTTP API (the admin interface has its own few).
  /// A request holds one while it is read and answered; an idle keep-alive
  /// connection holds none.
  uint32_t http_threads = default_http_threads();
  /// How long a rendered list answer serves further requests.
  std::chrono::milliseconds http_cache_ttl{50};
  /// Longest time one request may take, from its first byte to the last
  /// byte of the answer; slower clients are cut off.
  std::chrono::milliseconds http_request_timeout = std::chrono::seconds{10};
  /// Rejected messages are copied here; empty: no dead letters.
  std::string dead_letter_topic;
  uint32_t dead_letter_queue = 10'000;
  std::string log_level = "info";
  std::chrono::milliseconds throughput_interval = std::chrono::seconds{10};
  std::chrono::milliseconds shutdown_timeout = std::chrono::seconds{30};
  /// Events per second the built-in generator feeds the embedded cluster.
  double embedded_rate = 20;
  uint32_t threads = 0;
  /// `pipeline.timezone` and `seal_after` read once, by `load`: every part
  /// of the daemon ranks days by this one calendar.
  std::optional<day_calendar> calendar;

  /// No brokers: run the in-process mock cluster with the generator.
  bool embedded() const {
    return pipeline.kafka.brokers.empty();
  }
};

/// The actor system's configuration plus the daemon's own settings, read by
/// one option table (see option_table for the sources and precedence).
class daemon_config : public caf::actor_system_config {
public:
  daemon_config();

  /// Reads and checks every setting; on success also configures CAF.
  option_table::outcome load(int argc, char** argv, char** envp);

  std::string help() const;

  /// Every setting's value and origin (for --check-config).
  std::string effective() const {
    return options_.effective();
  }

  /// The config file that was read, empty when none.
  const std::string& config_file() const {
    return options_.config_file();
  }

  /// Where the settings came from, for the startup log: "defaults + 2
  /// command-line options + file hot-articles.ini".
  std::string sources() const {
    return options_.sources();
  }

  daemon_settings settings;

private:
  std::string check() const;

  option_table options_;
};

} // namespace hot
