// The latest figures of every actor, readable from any thread.
#pragma once

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "messages/introspection_messages.hpp"
#include "messages/snowflake.hpp"

namespace hot {

/// One round of figures from every actor, and the round before it for
/// rates.
struct stats_snapshot {
  instant taken;
  std::vector<actor_stats> actors;
  /// The round before (its own previous round dropped); empty at first.
  instant previous_taken;
  std::vector<actor_stats> previous;

  const actor_stats* find(std::string_view name) const;

  /// Change per second of `name` since the previous round: a figure as its
  /// kind's `each` names it, or "messages" or "busy_ns" (busy_ns per second
  /// / 1e9 is the busy fraction). 0 for an actor new in this round.
  double rate(const actor_stats& actor, std::string_view name) const;

  /// Every actor whose figures are a `T`, sorted by name.
  template <class T>
  std::vector<std::pair<const actor_stats*, const T*>> of_kind() const {
    std::vector<std::pair<const actor_stats*, const T*>> out;
    for (const auto& a : actors)
      if (const auto* f = caf::get_if<T>(&a.figures))
        out.emplace_back(&a, f);
    std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
      return x.first->name < y.first->name;
    });
    return out;
  }

  /// `get` summed over every actor whose figures are a `T`.
  template <class T, class Get>
  int64_t total(Get get) const {
    int64_t sum = 0;
    for (const auto& a : actors)
      if (const auto* f = caf::get_if<T>(&a.figures))
        sum += get(*f);
    return sum;
  }
};

/// A figure of `actor` as its kind's `each` names it.
std::optional<int64_t> named_figure(const actor_stats& actor,
                                    std::string_view name);

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

/// Makes `previous` the round `next` computes its rates against.
void follow(const stats_snapshot& previous, stats_snapshot& next);

} // namespace hot
