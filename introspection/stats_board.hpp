// The latest figures of every actor, readable from any thread.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "messages/introspection_messages.hpp"
#include "messages/snowflake.hpp"

namespace hot {

/// One round of figures from every actor, with rates since the round
/// before.
struct stats_snapshot {
  instant taken;
  std::vector<actor_stats> actors;
  /// Per actor name: figure name -> change per second ("messages" and
  /// "busy_ns" included; busy_ns per second / 1e9 is the busy fraction).
  std::map<std::string, std::map<std::string, double>> rates;

  const actor_stats* find(const std::string& name) const;

  /// A figure of an actor, or `fallback` when absent.
  int64_t figure(const actor_stats& actor, const std::string& name,
                 int64_t fallback = 0) const;

  double rate(const std::string& actor, const std::string& name) const;

  /// A figure summed over every actor of `kind`.
  int64_t total(const std::string& kind, const std::string& name) const;
};

/// Written by the introspection actor, read by the HTTP and admin threads.
class stats_board {
public:
  void publish(std::shared_ptr<const stats_snapshot> snapshot);

  /// Never null: an empty snapshot before the first round.
  std::shared_ptr<const stats_snapshot> latest() const;

private:
  mutable std::mutex mutex_;
  std::shared_ptr<const stats_snapshot> latest_
    = std::make_shared<stats_snapshot>();
};

/// Rates of `next` against `previous` (same actor names).
void compute_rates(const stats_snapshot& previous, stats_snapshot& next);

} // namespace hot
