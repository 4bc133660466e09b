// The Redis writer's connection: reconnects with backoff, writes back what
// a lost connection may have lost, and probes an idle connection. Parts of
// the writer actor, on its thread.
#pragma once

#include <optional>
#include <string>

#include <caf/all.hpp>

#include "actors/redis/writer_state.hpp"
#include "messages/interfaces.hpp"

namespace hot {

using writer_ptr = redis_writer_actor::stateful_pointer<redis_writer_state>;

/// `host:port`, for logs and figures.
std::string writer_address(const redis_settings& s);

/// Schedules the next reconnect, backing off exponentially.
void arm_retry(writer_ptr self);

/// Queues everything stored again, and the owner epoch first.
void requeue_stored(writer_ptr self);

/// The connection broke (the lease holding it has ended): queue what Redis
/// may have lost, retry.
void lose_connection(writer_ptr self, const caf::error& reason);

/// A connection of the pool for one round trip; none (and a retry armed)
/// when Redis is away. Another writer's connection that broke since this
/// one last looked may have been Redis restarting empty: what this writer
/// stored is queued again first.
std::optional<connection_pool::lease> borrow_connection(writer_ptr self);

/// One round trip on an idle connection: a broken one means a possible
/// loss, and the stored epoch tells a frozen owner it was fenced.
void probe_connection(writer_ptr self);

} // namespace hot
