// The Redis writer actor: the only writer of the day lists.
#include "actors/redis/redis_writer.hpp"

#include <algorithm>

#include "actors/redis/partial_store.hpp"
#include "actors/redis/redis_error.hpp"
#include "actors/redis/redis_round_trip.hpp"
#include "actors/redis/writer_connection.hpp"
#include "common/logger.hpp"

namespace hot {

namespace {

using self_ptr = redis_writer_actor::stateful_pointer<redis_writer_state>;
using steady = stored_days::clock;

/// How often an idle writer checks that its connection still works: a
/// Redis that restarted has closed it, and must get the lists back even
/// when nothing new is written.
constexpr auto health_check_interval = std::chrono::seconds{1};

bool idle(const redis_writer_state& st) {
  return st.queue.empty();
}

void settle_barriers(self_ptr self) {
  auto& st = self->state;
  if (!idle(st))
    return;
  if (!st.failed_since_barrier.empty()) {
    auto err = caf::make_error(redis_errc::reply,
                               st.failed_since_barrier
                                 + " was refused: offsets behind it stay "
                                   "uncommitted");
    // Sticky: a later barrier passing would commit past the lost edit.
    // Restarting replays it.
    for (auto& barrier : st.barriers)
      barrier.deliver(err);
    st.barriers.clear();
    return;
  }
  for (auto& barrier : st.barriers)
    barrier.deliver(caf::ok_atom_v);
  st.barriers.clear();
}

// A newer owner took the partition: nothing of this writer may land, and
// everyone waiting learns it, so no offset is committed past these writes.
void fail_all(self_ptr self) {
  auto& st = self->state;
  auto all = st.queue.take_all();
  auto refused = all.writes + st.barriers.size();
  st.fenced_writes += refused;
  if (st.instance_fenced_writes)
    st.instance_fenced_writes->fetch_add(refused);
  auto err = caf::make_error(redis_errc::fenced,
                             "partition " + std::to_string(st.partition)
                               + " is owned by a newer epoch");
  for (auto& waiting : all.waiting)
    waiting.deliver(err);
  for (auto& claim : all.claims)
    claim.deliver(err);
  for (auto& barrier : st.barriers)
    barrier.deliver(err);
  st.barriers.clear();
}

// A claim queued here past its deadline is never written: by then the
// source gave the partition up, and another instance may own it.
void drop_late_claim(self_ptr self) {
  auto& st = self->state;
  if (!st.claim_deadline
      || std::chrono::steady_clock::now() < *st.claim_deadline)
    return;
  st.claim_deadline.reset();
  auto late = st.queue.take_claims();
  if (late.empty())
    return;
  HOT_LOG_WARN("redis", "partition " << st.partition
                                     << ": claim dropped unwritten, its "
                                        "deadline passed");
  auto err = caf::make_error(redis_errc::claim_expired,
                             "claim expired: partition "
                               + std::to_string(st.partition)
                               + " not claimed before the deadline");
  for (auto& claim : late)
    claim.deliver(err);
}

void drain(self_ptr self) {
  auto& st = self->state;
  drop_late_claim(self);
  if (idle(st) && st.barriers.empty())
    return;
  if (st.fenced) {
    fail_all(self);
    return;
  }
  // Replaying: what arrives is kept until the directory publishes it.
  if (st.held)
    return;
  if (!idle(st) && st.retry_armed)
    return;
  // More requests are queued: let the last of them write everything at
  // once, if it comes soon.
  if (!idle(st)
      && st.coalescing.hold(self->mailbox().size() > 0, steady::now()))
    return;
  if (idle(st)) {
    // A barrier must not vouch for lists that a restarted Redis lost. A
    // broken connection queues the restore and arms the retry that
    // writes it.
    probe_connection(self);
    settle_barriers(self);
    return;
  }
  auto conn = borrow_connection(self);
  if (!conn)
    return;
  auto err = write_pending(st, **conn);
  // Given back first: a broken connection then counts as a loss this
  // writer has seen.
  conn.reset();
  if (err) {
    lose_connection(self, err);
    return;
  }
  if (st.fenced) {
    fail_all(self);
    return;
  }
  settle_barriers(self);
}

// A delete among the best of a sealed day left fewer than a list: the
// articles this partition ranked below its partial are forgotten, so one of
// them that belongs in the served list cannot move in.
void note_refill_exhausted(self_ptr self, const sealed_edit& edit) {
  auto& st = self->state;
  if (st.refill_exhausted++ == 0)
    HOT_LOG_WARN("redis", "partition "
                            << st.partition << ": deletes in "
                            << edit.day.to_string()
                            << " used up its reserve; the served list of that "
                               "day may miss an article this partition "
                               "ranked below it (ranking.reserve-size)");
}

// A sealed day this process stored: the edit is folded into the day's list,
// which is written whole (with the day's expiry). Bounded: one pending list per
// day however many edits arrive while Redis is away.
caf::result<caf::ok_atom> fold_edit(self_ptr self, const sealed_edit& edit,
                                    const list_snapshot& base) {
  auto& st = self->state;
  list_snapshot edited{base.day, base.top, base.reserve, base.final, {}};
  auto* pending = st.queue.find(edit.day);
  auto size = st.layout.list_size + st.layout.reserve_size;
  bool changed = apply_edit(edited, edit, size);
  if (changed && edit.kind == edit_kind::remove
      && edited.top.size() + edited.reserve.size() < st.layout.list_size
      && st.sealed_full.count(edit.day) > 0)
    note_refill_exhausted(self, edit);
  // Only the boards the edit changes are written again, beside those
  // pending already.
  const auto* stored = st.stored.find(edit.day);
  bool boards_changed = false;
  edited.boards = edit_boards(
    pending ? pending->snapshot.boards : std::vector<board_snapshot>{},
    stored ? &stored->snapshot.boards : nullptr, edit, size, boards_changed);
  changed = changed || boards_changed;
  // Nothing changes and nothing of the day is queued: done already.
  if (!changed && pending == nullptr)
    return caf::ok_atom_v;
  if (st.held) {
    if (changed)
      st.queue.put_edit(std::move(edited));
    return caf::ok_atom_v;
  }
  auto promise = self->make_response_promise<caf::ok_atom>();
  if (changed)
    st.queue.put_edit(std::move(edited), promise);
  else // still answer after the day's write already queued
    pending->waiting.push_back(promise);
  drain(self);
  return promise;
}

// A write other than a list (a sealed-day edit, a seal marker), answered
// once stored; while held, answered at once and kept.
caf::result<caf::ok_atom> queue_op(self_ptr self, redis_command command,
                                   std::string what,
                                   std::optional<day_key> marker) {
  auto& st = self->state;
  if (st.held) {
    st.queue.push_op({std::move(command), std::move(what), std::nullopt,
                      std::nullopt, marker});
    return caf::ok_atom_v;
  }
  auto promise = self->make_response_promise<caf::ok_atom>();
  st.queue.push_op(
    {std::move(command), std::move(what), promise, std::nullopt, marker});
  drain(self);
  return promise;
}

actor_stats report(self_ptr self) {
  auto& st = self->state;
  auto out = st.meter.report("redis-writer " + std::to_string(st.partition),
                             "writer");
  auto i64 = [](auto x) { return static_cast<int64_t>(x); };
  auto micros = [](std::chrono::nanoseconds x) {
    return std::chrono::duration_cast<std::chrono::microseconds>(x).count();
  };
  writer_figures f;
  f.address = writer_address(st.settings);
  f.last_error = st.last_error;
  f.partition = st.partition;
  f.connected = st.connected;
  f.epoch = i64(st.epoch);
  f.fenced = st.fenced;
  f.fenced_writes = i64(st.fenced_writes);
  f.lists_written = i64(st.lists_written);
  f.board_lists_written = i64(st.board_lists_written);
  f.edits_written = i64(st.edits_written);
  f.refill_exhausted = i64(st.refill_exhausted);
  f.round_trips = i64(st.round_trips);
  f.write_errors = i64(st.write_errors);
  f.connection_errors = i64(st.connection_errors);
  f.pending_lists = i64(st.queue.list_count());
  f.pending_ops = i64(st.queue.op_count());
  f.stored_days = i64(st.stored.days().size());
  f.restores = i64(st.restores);
  f.lists_restored = i64(st.lists_restored);
  f.last_latency_us = micros(st.last_latency);
  f.max_latency_us = micros(st.max_latency);
  out.figures = std::move(f);
  return out;
}

} // namespace

redis_writer_actor::behavior_type
redis_writer(self_ptr self, std::shared_ptr<connection_pool> connections,
             partial_layout layout, int32_t partition,
             std::shared_ptr<std::atomic<uint64_t>> fenced_writes) {
  self->state.instance_fenced_writes = std::move(fenced_writes);
  self->state.settings = connections->settings();
  // Connections lost before this writer stored anything cost it nothing.
  self->state.seen_losses = connections->losses();
  self->state.connections = std::move(connections);
  self->state.layout = layout;
  self->state.partition = partition;
  self->delayed_send(self, health_check_interval, tick_atom_v);
  return {
    [=](claim_atom, int64_t deadline_ms) -> caf::result<partition_claim> {
      auto scope = self->state.meter.measure(self);
      auto& st = self->state;
      auto promise = self->make_response_promise<partition_claim>();
      auto now_ms = now_instant().time_since_epoch().count();
      st.claim_deadline = std::chrono::steady_clock::now()
                          + std::chrono::milliseconds{deadline_ms - now_ms};
      st.queue.push_op({claim_command(st.partition, now_ms, deadline_ms),
                        "claim", std::nullopt, promise, std::nullopt});
      drain(self);
      return promise;
    },
    [=](hold_atom) {
      auto scope = self->state.meter.measure(self);
      self->state.held = true;
    },
    [=](publish_atom) {
      auto scope = self->state.meter.measure(self);
      auto& st = self->state;
      if (!st.held)
        return;
      st.held = false;
      HOT_LOG_INFO("redis", "partition " << st.partition
                                         << ": replay caught up, publishing "
                                         << st.queue.list_count() << " lists");
      drain(self);
    },
    [=](fenced_atom) {
      auto scope = self->state.meter.measure(self);
      const auto& st = self->state;
      auto newer = st.fenced ? std::max(st.newer_epoch, st.epoch + 1)
                             : uint64_t{0};
      // A write held for the requests queued behind it may have been held
      // for this one.
      drain(self);
      return newer;
    },
    [=](list_snapshot& snapshot) -> caf::result<caf::ok_atom> {
      auto scope = self->state.meter.measure(self);
      auto& st = self->state;
      // Days are sealed in order: a day up to the last final one is sealed.
      if (!snapshot.final && snapshot.day <= st.last_final)
        return caf::ok_atom_v;
      if (snapshot.final
          && snapshot.top.size() + snapshot.reserve.size()
               >= st.layout.list_size + st.layout.reserve_size)
        st.sealed_full.insert(snapshot.day);
      // Only a ranking that writes board lists has any to write again.
      if (snapshot.final)
        st.open_rankings.erase(snapshot.day);
      else if (const auto& sender = self->current_sender();
               sender && !snapshot.boards.empty())
        st.open_rankings[snapshot.day]
          = caf::actor_cast<caf::weak_actor_ptr>(sender);
      if (st.held) {
        st.queue.put_list(std::move(snapshot));
        return caf::ok_atom_v;
      }
      auto promise = self->make_response_promise<caf::ok_atom>();
      st.queue.put_list(std::move(snapshot), promise);
      drain(self);
      return promise;
    },
    [=](sealed_edit& edit) -> caf::result<caf::ok_atom> {
      auto scope = self->state.meter.measure(self);
      auto& st = self->state;
      if (auto* pending = st.queue.find(edit.day))
        return fold_edit(self, edit, pending->snapshot);
      if (const auto* stored = st.stored.find(edit.day))
        return fold_edit(self, edit, stored->snapshot);
      // Sealed before this process started: the edit script applies it.
      auto left = std::chrono::ceil<std::chrono::seconds>(
        day_expiry(edit.day, st.settings.list_ttl) - steady::now());
      if (left.count() <= 0)
        return caf::ok_atom_v; // its keys are gone already
      return queue_op(self,
                      partial_edit_command(st.layout, edit, st.partition,
                                           st.epoch, left),
                      "edit of " + edit.day.to_string(), std::nullopt);
    },
    [=](caf::put_atom, sealed_atom, day_key day) -> caf::result<caf::ok_atom> {
      auto scope = self->state.meter.measure(self);
      auto& st = self->state;
      return queue_op(
        self, partial_seal_command(st.layout, day, st.partition, st.epoch),
        "seal marker", day);
    },
    [=](barrier_atom) -> caf::result<caf::ok_atom> {
      auto scope = self->state.meter.measure(self);
      auto promise = self->make_response_promise<caf::ok_atom>();
      self->state.barriers.push_back(promise);
      drain(self);
      return promise;
    },
    [=](retry_atom) {
      auto scope = self->state.meter.measure(self);
      self->state.retry_armed = false;
      drain(self);
    },
    [=](tick_atom) {
      auto scope = self->state.meter.measure(self);
      self->state.stored.expire(steady::now());
      // A held writer probes too: a replaying owner that lost the
      // partition learns it before it publishes.
      if (idle(self->state) || self->state.held)
        probe_connection(self);
      drain(self);
      self->delayed_send(self, health_check_interval, tick_atom_v);
    },
    [=](stats_atom) {
      auto scope = self->state.meter.measure(self);
      auto out = report(self);
      drain(self);
      return std::vector<actor_stats>{std::move(out)};
    },
  };
}

} // namespace hot
