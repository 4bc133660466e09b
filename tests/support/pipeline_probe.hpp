// What a running pipeline's actors report about themselves, for tests that
// check bounds while the pipeline works.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "app/pipeline.hpp"

namespace hot::test {

/// A figure of one actor's report, or -1 when it reports none by that name.
int64_t figure(const actor_stats& stats, const std::string& name);

/// Asks the pipeline's actors directly (not the introspection round), so
/// every answer is current. Throws when an actor does not answer.
class pipeline_probe {
public:
  pipeline_probe(caf::actor_system& system, const pipeline& p)
    : system_(system), p_(p) {
  }

  /// The largest figure of that name among the ranking tasks' Redis
  /// writers; throws when none has it.
  int64_t writer(const std::string& name);

  /// A figure of the ranking tasks actor itself; throws when it has none.
  int64_t tasks(const std::string& name);

  /// The smallest figure of that name among the ranking tasks'
  /// directories; throws when none has it.
  int64_t directory(const std::string& name);

  /// That figure of every ranking task's directory that reports it.
  std::vector<int64_t> each_directory(const std::string& name);

  /// The report of every partition actor, of both stages.
  std::vector<actor_stats> partitions();

  /// Messages read from the source topics.
  int64_t consumed();

private:
  std::vector<actor_stats> ask(const caf::actor& who);

  caf::actor_system& system_;
  const pipeline& p_;
};

} // namespace hot::test
