// What a running pipeline's actors report about themselves, for tests that
// check bounds while the pipeline works.
#include "tests/support/pipeline_probe.hpp"

#include "actors/introspection/stats_board.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace hot::test {

using namespace std::chrono_literals;

int64_t figure(const actor_stats& stats, const std::string& name) {
  return named_figure(stats, name).value_or(-1);
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
  int64_t out = -1;
  for (const auto& stats : ask(caf::actor_cast<caf::actor>(p_.tasks)))
    if (stats.kind == "writer")
      out = std::max(out, figure(stats, name));
  if (out < 0)
    throw std::runtime_error("no writer reports " + name);
  return out;
}

int64_t pipeline_probe::tasks(const std::string& name) {
  for (const auto& stats : ask(caf::actor_cast<caf::actor>(p_.tasks)))
    if (stats.kind == "tasks")
      if (auto value = figure(stats, name); value >= 0)
        return value;
  throw std::runtime_error("the ranking tasks report no " + name);
}

int64_t pipeline_probe::directory(const std::string& name) {
  std::optional<int64_t> out;
  for (const auto& stats : ask(caf::actor_cast<caf::actor>(p_.tasks)))
    if (stats.kind == "directory")
      if (auto value = figure(stats, name); value >= 0)
        out = out ? std::min(*out, value) : value;
  if (!out)
    throw std::runtime_error("no directory reports " + name);
  return *out;
}

std::vector<int64_t> pipeline_probe::each_directory(const std::string& name) {
  std::vector<int64_t> out;
  for (const auto& stats : ask(caf::actor_cast<caf::actor>(p_.tasks)))
    if (stats.kind == "directory")
      if (auto value = figure(stats, name); value >= 0)
        out.push_back(value);
  return out;
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
    if (figure(stats, "internal") == 0)
      total += figure(stats, "consumed");
  return total;
}

} // namespace hot::test
