// The Redis writer actor: the only writer of the day lists.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include <caf/all.hpp>

#include "actors/redis/partial_store.hpp"
#include "actors/redis/redis_settings.hpp"
#include "actors/redis/writer_state.hpp"
#include "messages/interfaces.hpp"

namespace hot {

/// Writes one internal partition's lists over a connection of the
/// instance's pool, lent to it for each round trip. Its first request
/// claims the partition (raises its owner epoch); every write after that
/// is a partial list of the partition, or an edit or seal marker of one,
/// run by the script that checks the epoch and merges the served list.
/// Every request is answered only once what it asked for is stored; while
/// Redis is unreachable it keeps the newest list of each day (older ones
/// are superseded), retries with exponential backoff and reconnects. It
/// remembers what it stored (`stored_days`): edits of those days are folded
/// into the day's list, and whenever the connection is lost every
/// remembered list and the seal marker are written again, so a Redis that
/// restarted empty gets them back. Barriers wait for that too. A write
/// refused because a newer owner raised the epoch fails, and from then on
/// so does every request: this instance no longer owns the partition.
/// Spawn it detached: hiredis calls block, and so does waiting for a
/// connection of the pool.
redis_writer_actor::behavior_type
redis_writer(redis_writer_actor::stateful_pointer<redis_writer_state> self,
             std::shared_ptr<connection_pool> connections,
             partial_layout layout, int32_t partition,
             std::shared_ptr<std::atomic<uint64_t>> fenced_writes = {});

} // namespace hot
