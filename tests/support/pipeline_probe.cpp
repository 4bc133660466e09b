// What a running pipeline's actors report about themselves, for tests that
// check bounds while the pipeline works.
#include "tests/support/pipeline_probe.hpp"

#include <stdexcept>

namespace hot::test {

using namespace std::chrono_literals;

int64_t figure(const actor_stats& stats, const std::string& name) {
  for (const auto& [key, value] : stats.figures)
    if (key == name)
      return value;
  return -1;
}

std::vector<actor_stats> pipeline_probe::ask(const caf::actor& who) {
  caf::scoped_actor self{system_};
  std::vector<actor_stats> out;
  self->request(who, 10s, stats_atom_v)
    .receive([&](std::vector<actor_stats>& stats) { out = std::move(stats); },
             [&](caf::error& err) {
               throw std::runtime_error("stats: " + caf::to_string(err));
             });
  return out;
}

int64_t pipeline_probe::writer(const std::string& name) {
  auto stats = ask(caf::actor_cast<caf::actor>(p_.writer));
  auto value = stats.size() == 1 ? figure(stats.front(), name) : -1;
  if (value < 0)
    throw std::runtime_error("the writer reports no " + name);
  return value;
}

int64_t pipeline_probe::directory(const std::string& name) {
  for (const auto& stats : ask(caf::actor_cast<caf::actor>(p_.directory)))
    if (stats.kind == "directory")
      if (auto value = figure(stats, name); value >= 0)
        return value;
  throw std::runtime_error("the directory reports no " + name);
}

std::vector<actor_stats> pipeline_probe::partitions() {
  std::vector<actor_stats> out;
  for (auto& stats : ask(caf::actor_cast<caf::actor>(p_.source)))
    if (stats.kind == "partition")
      out.push_back(std::move(stats));
  return out;
}

int64_t pipeline_probe::consumed() {
  int64_t total = 0;
  for (const auto& stats : partitions())
    total += figure(stats, "consumed");
  return total;
}

} // namespace hot::test
