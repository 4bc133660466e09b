// What the Redis writer has yet to write, and the plan of the round trip
// that writes it all at once.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "actors/redis/board_store.hpp"
#include "actors/redis/partial_store.hpp"
#include "actors/redis/stored_days.hpp"

namespace hot {

/// The newest list of each day, and the other writes (sealed-day edits,
/// seal markers, the claim) in arrival order. Knows nothing of actors:
/// whoever waits for a write is a `Waiter` (a `ClaimWaiter` for the
/// claim), handed back when the write is done, so the writer answers it.
template <class Waiter, class ClaimWaiter>
class write_queue {
public:
  using clock = stored_days::clock;

  struct pending_list {
    list_snapshot snapshot;
    std::vector<Waiter> waiting;
    /// Sealed-day edits folded into this write.
    uint32_t edits = 0;
  };

  struct pending_op {
    redis_command command;
    std::string what; // names the write in logs
    std::optional<Waiter> done;
    std::optional<ClaimWaiter> claim;
    std::optional<day_key> marker; // set for a seal marker write
  };

  /// One write of a planned round trip, in the order of its commands.
  struct planned {
    bool is_list = false;
    day_key day;
    clock::time_point expires_at;
    /// Board lists written right after the day's list, a reply each.
    size_t board_writes = 0;
  };

  bool empty() const {
    return lists_.empty() && ops_.empty();
  }

  size_t list_count() const {
    return lists_.size();
  }

  size_t op_count() const {
    return ops_.size();
  }

  /// A new list of its day, answered to `waiter` once stored. It replaces
  /// a pending live list (whose waiters then wait for it), never a final
  /// one: a late live list must not undo a seal.
  void put_list(list_snapshot snapshot, Waiter waiter) {
    put_list(std::move(snapshot)).waiting.push_back(std::move(waiter));
  }

  /// The same, answered already: nobody waits for it.
  pending_list& put_list(list_snapshot snapshot) {
    auto& pending = lists_[snapshot.day];
    if (!pending.snapshot.final || snapshot.final)
      replace(pending, std::move(snapshot));
    return pending;
  }

  /// The pending list of `day`, or null.
  pending_list* find(day_key day) {
    auto it = lists_.find(day);
    return it == lists_.end() ? nullptr : &it->second;
  }

  /// Replaces `day`'s list with `edited`, an edit folded in.
  void put_edit(list_snapshot edited, Waiter waiter) {
    put_edit(std::move(edited)).waiting.push_back(std::move(waiter));
  }

  /// The same, answered already.
  pending_list& put_edit(list_snapshot edited) {
    auto& pending = lists_[edited.day];
    replace(pending, std::move(edited));
    ++pending.edits;
    return pending;
  }

  void push_op(pending_op op) {
    ops_.push_back(std::move(op));
  }

  /// Queues `op` before every other write, unless one named alike waits
  /// already. Returns whether it was queued.
  bool push_op_front_once(pending_op op) {
    bool queued
      = std::any_of(ops_.begin(), ops_.end(),
                    [&op](const auto& other) { return other.what == op.what; });
    if (queued)
      return false;
    ops_.push_front(std::move(op));
    return true;
  }

  /// Takes every pending claim out of the queue, unwritten: they came too
  /// late to be run.
  std::vector<ClaimWaiter> take_claims() {
    std::vector<ClaimWaiter> out;
    for (auto it = ops_.begin(); it != ops_.end();) {
      if (it->claim) {
        out.push_back(std::move(*it->claim));
        it = ops_.erase(it);
      } else {
        ++it;
      }
    }
    return out;
  }

  /// Queues every stored day again that has no newer pending write, and
  /// the seal marker unless one is pending: after
  /// a lost connection Redis may have lost them. `marker_op` makes the
  /// marker's write. Returns how many lists were queued.
  template <class MakeMarkerOp>
  size_t requeue(const stored_days& stored, MakeMarkerOp marker_op) {
    size_t queued = 0;
    for (const auto& [day, kept] : stored.days()) {
      if (lists_.count(day) != 0)
        continue;
      lists_[day] = pending_list{kept.snapshot, {}, 0};
      ++queued;
    }
    auto marker = stored.marker();
    bool marker_queued
      = std::any_of(ops_.begin(), ops_.end(),
                    [](const auto& op) { return op.marker.has_value(); });
    if (marker && !marker_queued)
      ops_.push_front(marker_op(*marker));
    return queued;
  }

  /// Appends one round trip's commands through `append(command)` and
  /// returns what each one writes: the lists first, then the other writes
  /// in order, so a restored marker never precedes its final list. Lists
  /// wait while `epoch` is 0 (nothing of the partition goes out before its
  /// claim). A list whose keys have expired by `now` is not written: Redis
  /// has dropped them, so there is nothing to repeat; its waiters go to
  /// `expired`.
  template <class Append, class ExpiryOf>
  std::vector<planned> plan(Append append, const partial_layout& layout,
                            int32_t partition, uint64_t epoch,
                            clock::time_point now, ExpiryOf expiry_of,
                            std::vector<Waiter>& expired) {
    std::vector<planned> out;
    std::vector<day_key> gone;
    for (const auto& [day, pending] : lists_) {
      if (epoch == 0)
        break;
      clock::time_point expires_at = expiry_of(day);
      if (expires_at <= now) {
        gone.push_back(day);
        continue;
      }
      auto seconds = std::chrono::ceil<std::chrono::seconds>(expires_at - now);
      auto entries = pending.snapshot.top;
      entries.insert(entries.end(), pending.snapshot.reserve.begin(),
                     pending.snapshot.reserve.end());
      append(
        partial_write_command(layout, day, partition, epoch, entries, seconds));
      for (const auto& board : pending.snapshot.boards)
        append(
          board_write_command(layout, day, partition, epoch, board, seconds));
      out.push_back(
        planned{true, day, expires_at, pending.snapshot.boards.size()});
    }
    for (auto day : gone)
      for (auto& waiter : take_list(day).waiting)
        expired.push_back(std::move(waiter));
    for (const auto& op : ops_) {
      append(op.command);
      out.push_back(planned{false, {}, {}});
    }
    return out;
  }

  /// Takes the list a planned write stored (or failed to).
  pending_list take_list(day_key day) {
    auto node = lists_.extract(day);
    return std::move(node.mapped());
  }

  /// Takes the oldest other write: the next one a plan's replies answer.
  pending_op take_op() {
    auto op = std::move(ops_.front());
    ops_.pop_front();
    return op;
  }

  /// The name of the oldest other write, for logs.
  const std::string& next_op_name() const {
    return ops_.front().what;
  }

  /// Everything pending, emptied: a newer owner holds the partition, so
  /// none of it may be written.
  struct refused {
    std::vector<Waiter> waiting;
    std::vector<ClaimWaiter> claims;
    size_t writes = 0;
  };
  refused take_all() {
    refused out;
    out.writes = lists_.size() + ops_.size();
    for (auto& [day, pending] : lists_)
      for (auto& waiter : pending.waiting)
        out.waiting.push_back(std::move(waiter));
    for (auto& op : ops_) {
      if (op.done)
        out.waiting.push_back(std::move(*op.done));
      if (op.claim)
        out.claims.push_back(std::move(*op.claim));
    }
    lists_.clear();
    ops_.clear();
    return out;
  }

private:
  // Boards are written only when they changed: a newer snapshot's boards
  // replace those of the pending one, whose other boards still wait.
  static void replace(pending_list& pending, list_snapshot newer) {
    auto boards = std::move(pending.snapshot.boards);
    merge_boards(boards, std::move(newer.boards));
    pending.snapshot = std::move(newer);
    pending.snapshot.boards = std::move(boards);
  }

  std::map<day_key, pending_list> lists_;
  std::deque<pending_op> ops_;
};

} // namespace hot
