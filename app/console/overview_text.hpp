// Everything on one screen: the overview route's answer as lines of text.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "app/console/text_line.hpp"
#include "app/console/text_width.hpp"

namespace hot::console {

/// Which actors the overview lists last.
enum class actor_order { mailbox, rate };

/// "mailbox" or "rate", as the admin interface's `top?by=` spells it.
const char* to_string(actor_order order);

/// The overview: throughput, pipeline state, partitions, shards, rankings,
/// the Redis writer and the top actors. `actors` is the overview's own
/// "topMailboxes" for actor_order::mailbox, or /admin/v1/top?by=rate's
/// "actors"; ages are relative to `now_ms` (epoch milliseconds).
text_lines overview_text(const nlohmann::json& overview,
                         const nlohmann::json& actors, actor_order order,
                         int64_t now_ms, size_t width = unlimited);

} // namespace hot::console
