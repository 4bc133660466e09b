// The Redis writer's round trip: everything pending in one pipeline, then
// each reply to whoever waits for it.
#pragma once

#include <caf/error.hpp>

#include "actors/redis/writer_state.hpp"

namespace hot {

/// Sends every pending list (lists first, then edits and markers, so a
/// restored marker never precedes its final list) over `conn`, lent to the
/// writer, and answers each write by its reply; stored lists and markers
/// go into `stored`. A write Redis refuses is answered with the error. On a
/// broken connection nothing is answered, everything stays pending, and the
/// error is returned.
caf::error write_pending(redis_writer_state& st, redis_connection& conn);

} // namespace hot
