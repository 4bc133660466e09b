// The typed interfaces of every actor, in one place. Each entry says who
// sends the message and what comes back.
#pragma once

#include <cstdint>
#include <vector>

#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/type_ids.hpp"

namespace hot {

/// Anything that reports its own figures, and those of the actors it owns,
/// to the introspection actor.
using stats_source_actor = caf::typed_actor<
  caf::replies_to<stats_atom>::with<std::vector<actor_stats>>>;

/// Holds the state of the articles routed to it (by article id) and keeps an
/// ordered index per open day.
using shard_actor = caf::typed_actor<
  /// From a partition actor: events in offset order. The reply is the
  /// batch's credit.
  caf::replies_to<event_batch>::with<batch_outcome>,
  /// From the directory: the day is sealed. Answers the shard's best `n`
  /// articles of the day, and of each board it tracked that day, then
  /// drops the day's state.
  caf::replies_to<seal_atom, day_key, uint32_t>::with<shard_final>,
  /// From the directory: answered once every earlier message is handled, so
  /// all changes they caused have been sent on.
  caf::replies_to<barrier_atom>::with<caf::ok_atom>,
  /// From a day's ranking: the shard's tops of these boards that day, for
  /// each board it tracks. Each board asked for counts as seen: its next
  /// change is announced again.
  caf::replies_to<boards_atom, day_key,
                  std::vector<board_id>>::with<std::vector<board_top>>,
  /// Introspection: one article's full state.
  caf::replies_to<caf::get_atom, article_id>::with<article_view>,
  /// Introspection: the shard's best `n` articles of a day.
  caf::replies_to<caf::get_atom, day_key, uint32_t>::with<shard_top>,
  caf::replies_to<stats_atom>::with<actor_stats>>;

/// One day's exact top list, merged from the shards' tops; flushes it to
/// Redis, coalesced. Spawned by the directory on demand.
using day_ranking_actor = caf::typed_actor<
  /// From the directory, on behalf of a shard: its new top of this day,
  /// and the boards whose tops changed that day.
  caf::reacts_to<shard_top>, caf::reacts_to<board_changes>,
  /// From the directory (barrier): answered once the current list is
  /// stored in Redis.
  caf::replies_to<flush_atom>::with<caf::ok_atom>,
  /// From the directory: every shard's final tops. Stores the final lists
  /// and reserves (the day's and each board's), answers, and retires.
  caf::replies_to<seal_atom, std::vector<shard_final>>::with<caf::ok_atom>,
  /// Introspection: the current list.
  caf::replies_to<caf::get_atom>::with<list_snapshot>,
  /// From the Redis writer: Redis may have lost what was written, so every
  /// board list given out goes again with the next write.
  caf::reacts_to<rewrite_atom>,
  /// Its own flush timer.
  caf::reacts_to<tick_atom>, caf::replies_to<stats_atom>::with<actor_stats>>;

/// Owns the shards and the day rankings: routes shard tops to rankings,
/// seals days when the stream passes their seal instant, and runs barriers.
using directory_actor = caf::typed_actor<
  /// From shards.
  caf::reacts_to<shard_top>, caf::reacts_to<board_changes>,
  caf::reacts_to<sealed_edit>,
  /// From partition actors: all events published before this instant have
  /// been handed to the shards.
  caf::reacts_to<progress_atom, partition_ref, instant>,
  /// From the source: the partition was released (revoked); its progress
  /// keeps holding the stream time until it comes back.
  caf::reacts_to<forget_atom, partition_ref>,
  /// From the Kafka source: answered once every effect of every event
  /// applied so far is stored in Redis. While the task replays, at once:
  /// its partition holds its commit offset back until then.
  caf::replies_to<barrier_atom>::with<caf::ok_atom>,
  /// From the partition actor: every event up to the end offset found at
  /// assignment is applied. What the replay rebuilt goes to the writer,
  /// which then publishes it.
  caf::reacts_to<publish_atom>,
  caf::replies_to<caf::get_atom, shards_atom>::with<std::vector<shard_actor>>,
  /// The last sealed day (a day_key of 0 when none).
  caf::replies_to<caf::get_atom, sealed_atom>::with<day_key>,
  /// Introspection.
  caf::replies_to<caf::get_atom, article_id>::with<article_view>,
  caf::replies_to<caf::get_atom, day_key,
                  uint32_t>::with<std::vector<ranked_article>>,
  caf::reacts_to<tick_atom>,
  caf::replies_to<stats_atom>::with<std::vector<actor_stats>>>;

/// Owns one internal partition's Redis connection; every write of its
/// ranking task goes through it, as a partial list checked against the
/// partition's owner epoch. Replies only once a write is stored, retrying
/// with backoff while Redis is down; a write refused for an older epoch
/// fails with `redis_errc::fenced`, and so does everything after it.
using redis_writer_actor = caf::typed_actor<
  /// From the ranking tasks, first of all: raise the partition's owner
  /// epoch and learn where its lists are final. The argument is the
  /// claim's deadline (ms since the epoch): a claim not run by then is
  /// dropped, here or by Redis itself.
  caf::replies_to<claim_atom, int64_t>::with<partition_claim>,
  /// From the ranking tasks, once claimed: the task replays its open days.
  /// Writes are answered as they arrive and kept (the newest list of each
  /// day), but nothing reaches Redis, whose partial stands meanwhile.
  caf::reacts_to<hold_atom>,
  /// From the directory: the replay caught up; write what was kept.
  caf::reacts_to<publish_atom>,
  /// From the ranking tasks: the epoch that fenced this writer, 0 while
  /// it still owns the partition.
  caf::replies_to<fenced_atom>::with<uint64_t>,
  /// From day rankings: the partition's best articles of a day.
  caf::replies_to<list_snapshot>::with<caf::ok_atom>,
  /// From the directory: an edit of a sealed day's stored list.
  caf::replies_to<sealed_edit>::with<caf::ok_atom>,
  /// Answered once every earlier write is stored.
  caf::replies_to<barrier_atom>::with<caf::ok_atom>,
  /// From the directory, after a day's final list is stored.
  caf::replies_to<caf::put_atom, sealed_atom, day_key>::with<caf::ok_atom>,
  /// Its own reconnect timer.
  caf::reacts_to<retry_atom>,
  /// Its own timer: an idle writer checks its connection, so lists that a
  /// restarted Redis lost are written again.
  caf::reacts_to<tick_atom>,
  caf::replies_to<stats_atom>::with<std::vector<actor_stats>>>;

/// Pulls one assigned partition's queue, decodes, routes to shards, and
/// keeps the offset up to which every event has been applied.
using partition_actor = caf::typed_actor<
  /// Its own pull loop, and librdkafka's "queue became non-empty" wakeup.
  caf::reacts_to<poll_atom>, caf::reacts_to<wake_atom>,
  caf::reacts_to<tick_atom>,
  /// From the delivery thread of a source partition's producer: every copy
  /// of batch `seq` (`copies` of them) was acknowledged, `failed` refused.
  caf::reacts_to<delivered_atom, uint64_t, uint32_t, uint32_t>,
  /// From the source: the offset to commit, i.e. one past the last event
  /// whose batch every shard has applied.
  caf::replies_to<caf::get_atom, offset_atom>::with<int64_t>,
  /// From the source: this offset is now committed.
  caf::reacts_to<committed_atom, int64_t>,
  /// From the source (revoke, shutdown): stop pulling, wait for every batch
  /// in flight, answer the offset to commit.
  caf::replies_to<drain_atom>::with<int64_t>,
  caf::replies_to<stats_atom>::with<actor_stats>>;

/// Owns the Kafka consumer: group membership, rebalances, partition actors
/// and commits.
using kafka_source_actor = caf::typed_actor<
  /// Its own poll loop and commit timer.
  caf::reacts_to<poll_atom>, caf::reacts_to<tick_atom>,
  /// From main (shutdown): stop consuming, drain, commit, close; answered
  /// when done.
  caf::replies_to<drain_atom>::with<caf::ok_atom>,
  caf::replies_to<stats_atom>::with<std::vector<actor_stats>>>;

/// Owns one ranking task per internal partition this instance owns: the
/// partition's Redis writer (and owner epoch), directory, shards and day
/// rankings. Answers the state dumps across all of them.
using ranking_tasks_actor = caf::typed_actor<
  /// From the Kafka source, on assign: claim the internal partition in
  /// Redis and start its task, its stream clock waiting for the watermarks
  /// of every source partition listed. Answers the task's directory and
  /// shards and the day through which its lists are final.
  caf::replies_to<claim_atom, int32_t, std::vector<partition_ref>>::with<
    directory_actor, std::vector<shard_actor>, day_key>,
  /// From the Kafka source, once a revoked partition drained and committed
  /// (or could not): stop its task.
  caf::replies_to<forget_atom, int32_t>::with<caf::ok_atom>,
  /// From the Kafka source: answered once every effect of every event the
  /// listed partitions' tasks applied so far is stored in Redis.
  caf::replies_to<barrier_atom, std::vector<int32_t>>::with<caf::ok_atom>,
  /// Introspection: an article's state, from the task that owns it.
  caf::replies_to<caf::get_atom, article_id>::with<article_view>,
  /// Introspection: the best `n` of a day among the tasks here.
  caf::replies_to<caf::get_atom, day_key,
                  uint32_t>::with<std::vector<ranked_article>>,
  /// The oldest day through which every task's lists are final.
  caf::replies_to<caf::get_atom, sealed_atom>::with<day_key>,
  /// From the Kafka source: the partitions whose writers have been fenced
  /// for longer than the reclaim delay. The source claims again those
  /// that Kafka still assigns to this instance.
  caf::replies_to<caf::get_atom, fenced_atom>::with<std::vector<int32_t>>,
  caf::replies_to<stats_atom>::with<std::vector<actor_stats>>>;

/// Collects every actor's figures on a timer and publishes them (with
/// rates) for /metrics, /health and the admin interface.
using introspection_actor = caf::typed_actor<
  /// From main: another top-level actor to ask each round.
  caf::reacts_to<caf::put_atom, stats_source_actor>,
  /// Its own timer.
  caf::reacts_to<tick_atom>,
  /// The latest round.
  caf::replies_to<stats_atom>::with<std::vector<actor_stats>>>;

} // namespace hot
