// Typed actor figures as the admin interface's JSON.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "actors/introspection/stats_board.hpp"
#include "messages/actor_figures.hpp"

namespace hot {

/// An instant in Unix milliseconds as ISO 8601 UTC, "" for 0 (not yet).
std::string utc_text(int64_t epoch_ms);

/// What only an actor's kind knows, beyond its numbers: a partition's
/// topic and rejections by reason, a ranking's top list, a writer's
/// address and last error, ... An empty object for kinds with none.
nlohmann::json detail_json(const kind_figures& figures);

/// Every number an actor's kind names ("figures"), how each reads
/// ("figureKinds": counter, gauge or instant), and the change per second
/// of each counter since the round before ("rates").
nlohmann::json figures_json(const stats_snapshot& s, const actor_stats& a);

} // namespace hot
