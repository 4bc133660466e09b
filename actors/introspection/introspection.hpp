// The introspection actor: every actor's figures, collected on a timer.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/introspection/actor_meter.hpp"
#include "actors/introspection/stats_board.hpp"
#include "messages/interfaces.hpp"

namespace hot {

struct introspection_settings {
  std::chrono::milliseconds interval = std::chrono::seconds{1};
  /// 0: no throughput log line.
  std::chrono::milliseconds throughput_interval = std::chrono::seconds{10};
};

struct introspection_state {
  static inline const char* name = "introspection";

  introspection_settings settings;
  std::shared_ptr<stats_board> board;
  std::vector<stats_source_actor> sources;
  std::shared_ptr<const stats_snapshot> last_logged;
  bool round_in_flight = false;
  actor_meter meter;
};

/// A rate for the throughput line: whole numbers from 10/s, one decimal
/// from 1/s, two below, so a trickle never reads as zero.
std::string rate_text(double per_second);

/// Each interval asks every registered top-level actor (which answer for
/// the actors they own) for its figures, adds rates against the round
/// before, and publishes the round on `board`. Logs a throughput line
/// every throughput interval.
introspection_actor::behavior_type
introspection(introspection_actor::stateful_pointer<introspection_state> self,
              introspection_settings settings,
              std::shared_ptr<stats_board> board);

} // namespace hot
