// The latest figures of every actor, readable from any thread.
#include "introspection/stats_board.hpp"

namespace hot {

const actor_stats* stats_snapshot::find(const std::string& name) const {
  for (const auto& a : actors)
    if (a.name == name)
      return &a;
  return nullptr;
}

int64_t stats_snapshot::figure(const actor_stats& actor,
                               const std::string& name,
                               int64_t fallback) const {
  for (const auto& [key, value] : actor.figures)
    if (key == name)
      return value;
  return fallback;
}

int64_t stats_snapshot::total(const std::string& kind,
                              const std::string& name) const {
  int64_t sum = 0;
  for (const auto& a : actors)
    if (a.kind == kind)
      sum += figure(a, name);
  return sum;
}

double stats_snapshot::rate(const std::string& actor,
                            const std::string& name) const {
  auto it = rates.find(actor);
  if (it == rates.end())
    return 0;
  auto r = it->second.find(name);
  return r == it->second.end() ? 0 : r->second;
}

void stats_board::publish(std::shared_ptr<const stats_snapshot> snapshot) {
  std::lock_guard<std::mutex> guard{mutex_};
  latest_ = std::move(snapshot);
}

std::shared_ptr<const stats_snapshot> stats_board::latest() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return latest_;
}

void compute_rates(const stats_snapshot& previous, stats_snapshot& next) {
  auto seconds
    = std::chrono::duration<double>(next.taken - previous.taken).count();
  if (seconds <= 0)
    return;
  for (const auto& now : next.actors) {
    const auto* before = previous.find(now.name);
    if (before == nullptr)
      continue;
    auto& out = next.rates[now.name];
    out["messages"] = static_cast<double>(now.messages - before->messages)
                      / seconds;
    out["busy_ns"] = static_cast<double>(now.busy_ns - before->busy_ns)
                     / seconds;
    for (const auto& [key, value] : now.figures) {
      auto old = previous.figure(*before, key, value);
      out[key] = static_cast<double>(value - old) / seconds;
    }
  }
}

} // namespace hot
