// The Redis writer's connection: reconnects with backoff, writes back what
// a lost connection may have lost, and probes an idle connection.
#include "actors/redis/writer_connection.hpp"

#include <algorithm>
#include <cstdlib>

#include "actors/redis/partial_store.hpp"
#include "actors/redis/redis_error.hpp"
#include "common/logger.hpp"

namespace hot {

using steady = stored_days::clock;

std::string writer_address(const redis_settings& s) {
  return s.host + ":" + std::to_string(s.port);
}

void arm_retry(writer_ptr self) {
  auto& st = self->state;
  if (st.retry_armed)
    return;
  st.backoff = st.backoff.count() == 0
                 ? st.settings.retry_min
                 : std::min(st.backoff * 2, st.settings.retry_max);
  st.retry_armed = true;
  self->delayed_send(self, st.backoff, retry_atom_v);
}

// Whatever ended the connection may have been Redis restarting without its
// data. Rather than detect the loss (a changed run_id, a marker key: each one
// more way to be wrong, and a restart with persistence would look the same),
// every stored list and the marker are queued again. That is at most the
// days within the TTL, each a list and its reserve: a few transactions,
// idempotent, each day's keys expiring when the day says. A day with a
// newer pending write keeps that instead; a newer pending marker likewise.
void requeue_stored(writer_ptr self) {
  auto& st = self->state;
  st.stored.expire(steady::now());
  auto queued = st.queue.requeue(st.stored, [&st](day_key marker) {
    return redis_writer_state::queue_type::pending_op{
      partial_seal_command(st.layout, marker, st.partition, st.epoch),
      "seal marker (restore)", std::nullopt, std::nullopt, marker};
  });
  st.lists_restored += queued;
  if (queued > 0 || st.stored.marker())
    ++st.restores;
  for (auto it = st.open_rankings.begin(); it != st.open_rankings.end();) {
    if (auto alive = it->second.lock()) {
      self->send(caf::actor_cast<day_ranking_actor>(alive), rewrite_atom_v);
      ++it;
    } else {
      it = st.open_rankings.erase(it);
    }
  }
  // Redis may have come back from a snapshot older than this owner's
  // claim: stating the epoch again fences the owners it forgot, even for
  // a partition with no list to write.
  if (st.epoch != 0 && !st.fenced)
    st.queue.push_op_front_once(
      {fence_command(st.partition, st.epoch, st.settings.tracked_since),
       "owner epoch (restore)", std::nullopt, std::nullopt, std::nullopt});
  HOT_LOG_INFO("redis", "holding " << st.queue.list_count() << " lists ("
                                   << queued << " stored ones again) and "
                                   << st.queue.op_count()
                                   << " other writes for the reconnect");
}

void lose_connection(writer_ptr self, const caf::error& reason) {
  auto& st = self->state;
  ++st.connection_errors;
  st.last_error = describe_redis(reason);
  st.connected = false;
  // The broken connection went back to the pool and counts as a loss:
  // this writer has seen it.
  st.seen_losses = st.connections->losses();
  HOT_LOG_WARN("redis", "lost the connection to Redis: " << st.last_error);
  requeue_stored(self);
  arm_retry(self);
}

std::optional<connection_pool::lease> borrow_connection(writer_ptr self) {
  auto& st = self->state;
  auto conn = st.connections->borrow();
  if (!conn) {
    if (st.connected) {
      lose_connection(self, conn.error());
      return std::nullopt;
    }
    ++st.connect_attempts;
    ++st.connection_errors;
    st.last_error = describe_redis(conn.error());
    arm_retry(self);
    HOT_LOG_WARN("redis", "cannot reach Redis at "
                            << writer_address(st.settings) << ": "
                            << st.last_error << "; retrying in "
                            << st.backoff.count() << " ms (attempt "
                            << st.connect_attempts << ")");
    return std::nullopt;
  }
  if (!st.connected) {
    ++st.connect_attempts;
    HOT_LOG_INFO("redis", "partition " << st.partition
                                       << ": connected to Redis at "
                                       << writer_address(st.settings));
  }
  st.connected = true;
  st.backoff = std::chrono::milliseconds{0};
  if (auto losses = st.connections->losses(); losses != st.seen_losses) {
    st.seen_losses = losses;
    requeue_stored(self);
  }
  return std::move(*conn);
}

// One round trip proves the connection; a broken one means a possible loss.
// It also reads the partition's owner epoch: an owner that was frozen
// while the group gave its partition away learns it here, within a second
// of waking, even when it has nothing to write.
void probe_connection(writer_ptr self) {
  auto& st = self->state;
  if (!st.connected)
    return;
  auto conn = borrow_connection(self);
  if (!conn)
    return;
  auto reply = (*conn)->call({"GET", epoch_key(st.partition)});
  if (!reply) {
    if ((*conn)->broken()) {
      conn.reset();
      lose_connection(self, reply.error());
    }
    return;
  }
  if (st.epoch == 0 || st.fenced || (*reply)->type != REDIS_REPLY_STRING)
    return;
  auto stored = std::strtoull((*reply)->str, nullptr, 10);
  if (stored <= st.epoch)
    return;
  st.fenced = true;
  st.newer_epoch = stored;
  HOT_LOG_ERROR("redis", "partition "
                           << st.partition << ": epoch " << st.epoch
                           << " is older than " << stored
                           << ": another instance owns the partition now; "
                              "this one refuses every write of it");
}

} // namespace hot
