// The latest figures of every actor, readable from any thread.
#include "actors/introspection/stats_board.hpp"

namespace hot {

namespace {

const actor_stats* find_in(const std::vector<actor_stats>& actors,
                           std::string_view name) {
  for (const auto& a : actors)
    if (a.name == name)
      return &a;
  return nullptr;
}

std::optional<int64_t> value_of(const actor_stats& actor,
                                std::string_view name) {
  if (name == "messages")
    return static_cast<int64_t>(actor.messages);
  if (name == "busy_ns")
    return static_cast<int64_t>(actor.busy_ns);
  return named_figure(actor, name);
}

} // namespace

std::optional<int64_t> named_figure(const actor_stats& actor,
                                    std::string_view name) {
  std::optional<int64_t> out;
  each_figure(actor.figures,
              [&](std::string_view key, int64_t value, figure_kind) {
                if (!out && key == name)
                  out = value;
              });
  return out;
}

const actor_stats* stats_snapshot::find(std::string_view name) const {
  return find_in(actors, name);
}

double stats_snapshot::rate(const actor_stats& actor,
                            std::string_view name) const {
  auto seconds = std::chrono::duration<double>(taken - previous_taken).count();
  const auto* before = find_in(previous, actor.name);
  if (seconds <= 0 || before == nullptr)
    return 0;
  auto now = value_of(actor, name);
  auto then = value_of(*before, name);
  if (!now || !then)
    return 0;
  return static_cast<double>(*now - *then) / seconds;
}

void stats_board::publish(std::shared_ptr<const stats_snapshot> snapshot) {
  std::lock_guard<std::mutex> guard{mutex_};
  latest_ = std::move(snapshot);
}

std::shared_ptr<const stats_snapshot> stats_board::latest() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return latest_;
}

void follow(const stats_snapshot& previous, stats_snapshot& next) {
  next.previous_taken = previous.taken;
  next.previous = previous.actors;
}

} // namespace hot
