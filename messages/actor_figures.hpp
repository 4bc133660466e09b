// The figures of each kind of actor, as typed structs. Each struct names
// its numbers once, in `each`: the admin views, the rates, /metrics and
// the tests all walk that list instead of spelling keys of their own.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <caf/variant.hpp>

#include "messages/day_key.hpp"
#include "messages/decode_error.hpp"
#include "messages/pipeline_messages.hpp"

namespace hot {

/// How a number reads: a running total (rates make sense), a level, or a
/// point in time in Unix milliseconds.
enum class figure_kind : uint8_t { counter, gauge, timestamp };

std::string_view to_string(figure_kind kind);

/// The group consumer.
struct source_figures {
  std::string group;
  std::string instance_id;
  std::string internal_topic;
  bool cooperative = false;
  int64_t partitions = 0;
  int64_t internal_partitions = 0;
  int64_t rebalances = 0;
  int64_t commits = 0;
  int64_t commit_failures = 0;
  bool brokers_down = false;

  template <class F>
  void each(F&& f) const {
    using k = figure_kind;
    f("partitions", partitions, k::gauge);
    f("internal_partitions", internal_partitions, k::gauge);
    f("source_partitions", partitions - internal_partitions, k::gauge);
    f("rebalances", rebalances, k::counter);
    f("commits", commits, k::counter);
    f("commit_failures", commit_failures, k::counter);
    f("brokers_down", int64_t{brokers_down}, k::gauge);
  }

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, source_figures& x) {
    return f(caf::meta::type_name("source_figures"), x.group, x.instance_id,
             x.internal_topic, x.cooperative, x.partitions,
             x.internal_partitions, x.rebalances, x.commits, x.commit_failures,
             x.brokers_down);
  }
};

/// A partition of a source topic (`source`), or of the internal topic.
struct partition_figures {
  std::string topic;
  int32_t partition = 0;
  bool source = false;
  /// Rejections by decode_errc (index 0 unused).
  std::array<int64_t, decode_errc_count + 1> rejected_by{};
  int64_t consumed = 0;
  int64_t bytes = 0;
  int64_t kafka_errors = 0;
  /// What applying the events did (internal partitions only).
  batch_outcome outcomes;
  int64_t behind_clock = 0;
  int64_t in_flight = 0;
  bool paused = false;
  int64_t pauses = 0;
  int64_t position = -1;
  int64_t committable = -1;
  int64_t committed = -1;
  int64_t high_watermark = -1;
  int64_t lag = 0;
  int64_t rekeyed = 0;
  /// Count events a source partition did not copy: a newer one of the same
  /// pull, article, kind and day cuts supersedes them.
  int64_t compacted = 0;
  int64_t watermarks_sent = 0;
  int64_t watermarks_read = 0;
  int64_t bad_watermarks = 0;
  /// The stream time last sent to the internal partitions (source only).
  int64_t watermark_ms = 0;
  /// An internal partition whose task replays: offsets left before it
  /// publishes. 0 once published.
  int64_t replay_left = 0;

  int64_t rejected() const {
    int64_t sum = 0;
    for (auto n : rejected_by)
      sum += n;
    return sum;
  }

  template <class F>
  void each(F&& f) const {
    using k = figure_kind;
    auto n = [](uint64_t x) { return static_cast<int64_t>(x); };
    f("consumed", consumed, k::counter);
    f("bytes", bytes, k::counter);
    f("rejected", rejected(), k::counter);
    f("kafka_errors", kafka_errors, k::counter);
    f("applied", n(outcomes.applied + outcomes.applied_later), k::counter);
    f("applied_later", n(outcomes.applied_later), k::counter);
    f("stale", n(outcomes.stale), k::counter);
    f("waiting", n(outcomes.pending), k::counter);
    f("late", n(outcomes.late), k::counter);
    f("beyond_day", n(outcomes.beyond_day), k::counter);
    f("behind_clock", behind_clock, k::counter);
    f("for_deleted", n(outcomes.deleted), k::counter);
    f("in_flight", in_flight, k::gauge);
    f("paused", int64_t{paused}, k::gauge);
    f("pauses", pauses, k::counter);
    f("position", position, k::gauge);
    f("committable", committable, k::gauge);
    f("committed", committed, k::gauge);
    f("high_watermark", high_watermark, k::gauge);
    f("lag", lag, k::gauge);
    f("internal", int64_t{!source}, k::gauge);
    f("rekeyed", rekeyed, k::counter);
    f("compacted", compacted, k::counter);
    f("watermarks_sent", watermarks_sent, k::counter);
    f("watermarks_read", watermarks_read, k::counter);
    f("bad_watermarks", bad_watermarks, k::counter);
    f("watermark_ms", watermark_ms, k::timestamp);
    f("replay_left", replay_left, k::gauge);
  }

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, partition_figures& x) {
    return f(caf::meta::type_name("partition_figures"), x.topic, x.partition,
             x.source, x.rejected_by, x.consumed, x.bytes, x.kafka_errors,
             x.outcomes, x.behind_clock, x.in_flight, x.paused, x.pauses,
             x.position, x.committable, x.committed, x.high_watermark, x.lag,
             x.rekeyed, x.compacted, x.watermarks_sent, x.watermarks_read,
             x.bad_watermarks, x.watermark_ms, x.replay_left);
  }
};

/// One shard of article state.
struct shard_figures {
  day_key sealed_through;
  int64_t articles = 0;
  int64_t tombstones = 0;
  int64_t pending = 0;
  int64_t pending_dropped = 0;
  int64_t open_days = 0;
  int64_t batches = 0;
  batch_outcome outcomes;
  int64_t snowflake_mismatches = 0;
  int64_t tops_sent = 0;
  int64_t edits_sent = 0;
  /// Boards tracked over the open days, and board tops sent.
  int64_t boards_tracked = 0;
  int64_t board_tops_sent = 0;
  /// Articles ranked without their board: the day tracked the most boards
  /// `ranking.boards.max-per-day` allows already.
  int64_t boards_untracked = 0;

  template <class F>
  void each(F&& f) const {
    using k = figure_kind;
    auto n = [](uint64_t x) { return static_cast<int64_t>(x); };
    f("articles", articles, k::gauge);
    f("boards_tracked", boards_tracked, k::gauge);
    f("board_tops_sent", board_tops_sent, k::counter);
    f("boards_untracked", boards_untracked, k::counter);
    f("tombstones", tombstones, k::gauge);
    f("pending", pending, k::gauge);
    f("pending_dropped", pending_dropped, k::counter);
    f("open_days", open_days, k::gauge);
    f("batches", batches, k::counter);
    f("applied", n(outcomes.applied + outcomes.applied_later), k::counter);
    f("applied_later", n(outcomes.applied_later), k::counter);
    f("snowflake_mismatches", snowflake_mismatches, k::counter);
    f("stale", n(outcomes.stale), k::counter);
    f("waiting", n(outcomes.pending), k::counter);
    f("late", n(outcomes.late), k::counter);
    f("beyond_day", n(outcomes.beyond_day), k::counter);
    f("for_deleted", n(outcomes.deleted), k::counter);
    f("tops_sent", tops_sent, k::counter);
    f("edits_sent", edits_sent, k::counter);
  }

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, shard_figures& x) {
    return f(caf::meta::type_name("shard_figures"), x.sealed_through,
             x.articles, x.tombstones, x.pending, x.pending_dropped,
             x.open_days, x.batches, x.outcomes, x.snowflake_mismatches,
             x.tops_sent, x.edits_sent, x.boards_tracked, x.board_tops_sent,
             x.boards_untracked);
  }
};

/// The directory of one ranking task: its shards, day rankings and seals.
struct directory_figures {
  int32_t partition = -1;
  day_key sealed_through;
  /// The day being sealed, when `is_sealing`.
  day_key sealing;
  bool is_sealing = false;
  int64_t shards = 0;
  int64_t rankings = 0;
  int64_t partitions = 0;
  int64_t days_sealed = 0;
  int64_t tops_routed = 0;
  int64_t edits_forwarded = 0;
  int64_t barriers = 0;
  /// 0 until every source partition has reported.
  int64_t stream_time_ms = 0;

  template <class F>
  void each(F&& f) const {
    using k = figure_kind;
    f("shards", shards, k::gauge);
    f("rankings", rankings, k::gauge);
    f("partitions", partitions, k::gauge);
    f("days_sealed", days_sealed, k::counter);
    f("tops_routed", tops_routed, k::counter);
    f("edits_forwarded", edits_forwarded, k::counter);
    f("barriers", barriers, k::counter);
    f("stream_time_ms", stream_time_ms, k::timestamp);
    f("partition", int64_t{partition}, k::gauge);
  }

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, directory_figures& x) {
    return f(caf::meta::type_name("directory_figures"), x.partition,
             x.sealed_through, x.sealing, x.is_sealing, x.shards, x.rankings,
             x.partitions, x.days_sealed, x.tops_routed, x.edits_forwarded,
             x.barriers, x.stream_time_ms);
  }
};

/// One day's ranking in one ranking task.
struct ranking_figures {
  day_key day;
  std::vector<ranked_article> top;
  std::string last_flush_result;
  int64_t flushes = 0;
  int64_t served_size = 0;
  int64_t flush_errors = 0;
  int64_t last_flush_latency_us = 0;
  int64_t unstored_changes = 0;
  int64_t last_flush_ms = 0;

  template <class F>
  void each(F&& f) const {
    using k = figure_kind;
    f("flushes", flushes, k::counter);
    f("served_size", served_size, k::gauge);
    f("flush_errors", flush_errors, k::counter);
    f("last_flush_latency_us", last_flush_latency_us, k::gauge);
    f("unstored_changes", unstored_changes, k::gauge);
    f("last_flush_ms", last_flush_ms, k::timestamp);
  }

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, ranking_figures& x) {
    return f(caf::meta::type_name("ranking_figures"), x.day, x.top,
             x.last_flush_result, x.flushes, x.served_size, x.flush_errors,
             x.last_flush_latency_us, x.unstored_changes, x.last_flush_ms);
  }
};

/// The Redis writer of one internal partition.
struct writer_figures {
  std::string address;
  std::string last_error;
  int32_t partition = -1;
  bool connected = false;
  int64_t epoch = 0;
  bool fenced = false;
  int64_t fenced_writes = 0;
  int64_t lists_written = 0;
  /// Board lists written with their day's list (ranking.boards.enabled).
  int64_t board_lists_written = 0;
  int64_t edits_written = 0;
  int64_t refill_exhausted = 0;
  /// Pipelines sent: lists_written / round_trips is how many lists one
  /// round trip carries.
  int64_t round_trips = 0;
  int64_t write_errors = 0;
  int64_t connection_errors = 0;
  int64_t pending_lists = 0;
  int64_t pending_ops = 0;
  int64_t stored_days = 0;
  int64_t restores = 0;
  int64_t lists_restored = 0;
  int64_t last_latency_us = 0;
  int64_t max_latency_us = 0;

  template <class F>
  void each(F&& f) const {
    using k = figure_kind;
    f("connected", int64_t{connected}, k::gauge);
    f("partition", int64_t{partition}, k::gauge);
    f("epoch", epoch, k::gauge);
    f("fenced", int64_t{fenced}, k::gauge);
    f("fenced_writes", fenced_writes, k::counter);
    f("lists_written", lists_written, k::counter);
    f("board_lists_written", board_lists_written, k::counter);
    f("edits_written", edits_written, k::counter);
    f("refill_exhausted", refill_exhausted, k::counter);
    f("round_trips", round_trips, k::counter);
    f("write_errors", write_errors, k::counter);
    f("connection_errors", connection_errors, k::counter);
    f("pending_lists", pending_lists, k::gauge);
    f("pending_ops", pending_ops, k::gauge);
    f("stored_days", stored_days, k::gauge);
    f("restores", restores, k::counter);
    f("lists_restored", lists_restored, k::counter);
    f("last_latency_us", last_latency_us, k::gauge);
    f("max_latency_us", max_latency_us, k::gauge);
  }

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, writer_figures& x) {
    return f(caf::meta::type_name("writer_figures"), x.address, x.last_error,
             x.partition, x.connected, x.epoch, x.fenced, x.fenced_writes,
             x.lists_written, x.board_lists_written, x.edits_written,
             x.refill_exhausted, x.round_trips, x.write_errors,
             x.connection_errors, x.pending_lists, x.pending_ops, x.stored_days,
             x.restores, x.lists_restored, x.last_latency_us, x.max_latency_us);
  }
};

/// The ranking tasks: one per owned internal partition.
struct tasks_figures {
  int64_t claims = 0;
  int64_t claim_failures = 0;
  int64_t released = 0;
  int64_t fenced_writes = 0;
  /// Open connections of the pool the writers share.
  int64_t redis_connections = 0;
  /// Each owned internal partition and its owner epoch.
  std::vector<std::pair<int32_t, int64_t>> epochs;

  template <class F>
  void each(F&& f) const {
    using k = figure_kind;
    f("tasks", static_cast<int64_t>(epochs.size()), k::gauge);
    f("claims", claims, k::counter);
    f("claim_failures", claim_failures, k::counter);
    f("released", released, k::counter);
    f("fenced_writes", fenced_writes, k::counter);
    f("redis_connections", redis_connections, k::gauge);
    for (const auto& [partition, epoch] : epochs)
      f("epoch_" + std::to_string(partition), epoch, k::gauge);
  }

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, tasks_figures& x) {
    return f(caf::meta::type_name("tasks_figures"), x.claims, x.claim_failures,
             x.released, x.fenced_writes, x.redis_connections, x.epochs);
  }
};

/// An actor with no figures beyond the ones every actor has.
struct no_figures {
  template <class F>
  void each(F&&) const {
    // nothing to name
  }

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, no_figures&) {
    return f(caf::meta::type_name("no_figures"));
  }
};

using kind_figures
  = caf::variant<no_figures, source_figures, partition_figures, shard_figures,
                 directory_figures, ranking_figures, writer_figures,
                 tasks_figures>;

/// Calls `f(name, value, kind)` for every number of `figures`.
template <class F>
void each_figure(const kind_figures& figures, F&& f) {
  caf::visit([&](const auto& x) { x.each(f); }, figures);
}

} // namespace hot
