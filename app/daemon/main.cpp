// hot-articles: the daemon.
#include <iostream>

#include <caf/all.hpp>

#include "app/daemon/daemon.hpp"
#include "app/daemon/daemon_config.hpp"
#include "app/daemon/signal_waiter.hpp"
#include "common/logger.hpp"
#include "common/version.hpp"

int main(int argc, char** argv, char** envp) {
  // First, so every thread started later inherits the blocked signals.
  hot::signal_waiter signals;
  hot::daemon_config config;
  auto outcome = config.load(argc, argv, envp);
  if (outcome.help) {
    std::cout << config.help();
    return 0;
  }
  if (outcome.version) {
    std::cout << hot::version_line("hot-articles") << "\n";
    return 0;
  }
  if (!outcome.error.empty()) {
    std::cerr << "hot-articles: " << outcome.error << "\n";
    return 2;
  }
  if (outcome.check_only) {
    for (const auto& warning : outcome.warnings)
      std::cerr << "hot-articles: warning: " << warning << "\n";
    std::cout << config.effective() << "configuration OK\n";
    return 0;
  }
  hot::log::set_level(*hot::log::parse_level(config.settings.log_level));
  for (const auto& warning : outcome.warnings)
    HOT_LOG_WARN("config", warning);
  caf::actor_system system{config};
  hot::daemon daemon{system, config.settings, config.sources()};
  return daemon.run(signals);
}
