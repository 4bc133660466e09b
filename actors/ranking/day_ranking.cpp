// The day-ranking actor: one day's exact list, flushed to Redis.
#include "actors/ranking/day_ranking.hpp"

#include "common/logger.hpp"
#include "messages/gather.hpp"

namespace hot {

namespace {

using self_ptr = day_ranking_actor::stateful_pointer<day_ranking_state>;

void flush_now(self_ptr self, bool with_boards);

bool all_stored(const day_ranking_state& st) {
  return st.stored_version == st.version
         && st.board_stored_version == st.board_version;
}

void settle_waiting(self_ptr self) {
  auto& st = self->state;
  auto& waiting = st.waiting;
  for (auto it = waiting.begin(); it != waiting.end();) {
    if (it->version <= st.stored_version
        && it->board_version <= st.board_stored_version) {
      it->promise.deliver(caf::ok_atom::value);
      it = waiting.erase(it);
    } else {
      ++it;
    }
  }
}

using clock_duration = caf::actor_clock::duration_type;

constexpr size_t max_boards_per_write = 128;

// How long until a write last started at `last` may start again.
clock_duration due_in(self_ptr self,
                      const std::optional<caf::actor_clock::time_point>& last,
                      std::chrono::milliseconds interval) {
  if (!last)
    return clock_duration::zero();
  // The actor clock: simulated under CAF's test scheduler.
  auto since = self->clock().now() - *last;
  return since >= interval ? clock_duration::zero() : interval - since;
}

// Coalesces writes: the list at most once per flush interval, the boards
// at most once per board flush interval, none while one is in flight; a
// waiting barrier takes everything at once.
void schedule_flush(self_ptr self) {
  auto& st = self->state;
  if (st.sealing || st.flush_in_flight || st.timer_armed)
    return;
  bool list_due = st.version != st.stored_version;
  bool boards_due = st.boards.has_changes();
  if (!list_due && !boards_due)
    return;
  if (!st.waiting.empty()) {
    flush_now(self, true);
    return;
  }
  auto wait = clock_duration::max();
  auto board_wait = clock_duration::max();
  if (list_due)
    wait = due_in(self, st.last_flush_start, st.settings.flush_interval);
  if (boards_due)
    board_wait = st.boards_left ? clock_duration::zero()
                                : due_in(self, st.last_board_flush_start,
                                         st.settings.board_flush_interval);
  if (wait == clock_duration::zero() || board_wait == clock_duration::zero()) {
    flush_now(self, board_wait == clock_duration::zero());
    return;
  }
  st.timer_armed = true;
  auto next = std::min(wait, board_wait);
  self->delayed_send(self, std::chrono::ceil<std::chrono::milliseconds>(next),
                     tick_atom_v);
}

void flush_failed(self_ptr self, const caf::error& err) {
  auto& s = self->state;
  s.flush_in_flight = false;
  ++s.flush_errors;
  auto why = caf::to_string(err);
  // Once per streak of the same failure: retries repeat it.
  if (why != s.last_flush_result)
    HOT_LOG_ERROR("ranking", s.day.to_string() << ": flush failed: " << why);
  s.last_flush_result = std::move(why);
  // Not at once, even with a barrier waiting: a fenced writer refuses
  // every write at once, and the retry would spin.
  if (!s.timer_armed) {
    s.timer_armed = true;
    self->delayed_send(self, s.settings.flush_interval, tick_atom_v);
  }
}

// Everything up to `version` and `board_version` is in Redis.
void flush_done(self_ptr self, uint64_t version, uint64_t board_version) {
  auto& s = self->state;
  s.flush_in_flight = false;
  s.stored_version = std::max(s.stored_version, version);
  s.board_stored_version = std::max(s.board_stored_version, board_version);
  settle_waiting(self);
  schedule_flush(self);
}

// Writes the list and `boards`, taken at `version` and `board_version`.
void write(self_ptr self, std::vector<board_snapshot> boards,
           std::vector<board_id> taken, uint64_t version,
           uint64_t board_version) {
  auto& st = self->state;
  list_snapshot snapshot{st.day, st.list.top(), {}, false, std::move(boards)};
  self->request(st.writer, caf::infinite, std::move(snapshot))
    .then(
      [=](caf::ok_atom) {
        auto& s = self->state;
        ++s.flushes;
        s.last_flush_latency = self->clock().now() - *s.last_flush_start;
        s.last_flush_at = std::chrono::system_clock::now();
        s.last_flush_result = "ok";
        flush_done(self, version, board_version);
      },
      [=](caf::error& err) {
        // Taken boards go again with the next write.
        self->state.boards.retry(taken);
        flush_failed(self, err);
      });
}

void flush_now(self_ptr self, bool with_boards) {
  auto& st = self->state;
  st.flush_in_flight = true;
  st.last_flush_start = self->clock().now();
  auto version = st.version;
  if (!with_boards || !st.boards.has_changes()) {
    // With no board left to take, every note so far was taken by a write
    // that succeeded.
    write(self, {}, {}, version,
          st.boards.has_changes() ? st.board_stored_version : st.board_version);
    return;
  }
  if (!st.boards_left)
    st.last_board_flush_start = st.last_flush_start;
  // A write takes a bounded number of boards: with thousands changed, one
  // write would hold every board's tops and script at once, in every
  // partition's writer.
  auto taken = st.boards.take_changed(max_boards_per_write);
  st.boards_left = st.boards.has_changes();
  // Only the write that takes the last of them stores every note so far.
  auto board_version = st.boards_left ? st.board_stored_version
                                      : st.board_version;
  gather<std::vector<board_top>>(
    self, st.shards, on_failure::abort,
    [=](std::vector<std::vector<board_top>> answers) {
      auto& s = self->state;
      auto boards = s.boards.merge(taken, std::move(answers));
      if (boards.empty() && version == s.stored_version) {
        // The boards' lists came out as they were written: nothing to do.
        flush_done(self, version, board_version);
        return;
      }
      // The list goes as it is now: it is at least as new as `version`.
      write(self, std::move(boards), taken, version, board_version);
    },
    [=](caf::error err) {
      self->state.boards.retry(taken);
      flush_failed(self, err);
    },
    boards_atom_v, st.day, taken);
}

actor_stats report(self_ptr self) {
  auto& st = self->state;
  auto out = st.meter.report("ranking " + st.day.to_string()
                               + (st.label.empty() ? "" : " " + st.label),
                             "ranking");
  ranking_figures f;
  f.day = st.day;
  f.top = st.list.top();
  f.last_flush_result = st.last_flush_result;
  f.flushes = static_cast<int64_t>(st.flushes);
  f.served_size = static_cast<int64_t>(st.settings.served_size != 0
                                         ? st.settings.served_size
                                         : st.settings.list_size);
  f.flush_errors = static_cast<int64_t>(st.flush_errors);
  f.last_flush_latency_us
    = std::chrono::duration_cast<std::chrono::microseconds>(
        st.last_flush_latency)
        .count();
  f.unstored_changes = static_cast<int64_t>(st.version - st.stored_version
                                            + st.board_version
                                            - st.board_stored_version);
  f.last_flush_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      st.last_flush_at.time_since_epoch())
                      .count();
  out.figures = std::move(f);
  return out;
}

} // namespace

day_ranking_actor::behavior_type
day_ranking(self_ptr self, day_key day, ranking_settings settings,
            redis_writer_actor writer, std::vector<shard_actor> shards,
            std::string label) {
  auto& st = self->state;
  st.day = day;
  st.label = std::move(label);
  st.settings = settings;
  st.writer = std::move(writer);
  st.shards = std::move(shards);
  st.list = day_list{settings.list_size};
  st.boards = board_lists{settings.list_size};
  return {
    [=](shard_top& top) {
      auto scope = self->state.meter.measure(self);
      if (self->state.list.update(std::move(top))) {
        ++self->state.version;
        schedule_flush(self);
      }
    },
    [=](board_changes& changes) {
      auto scope = self->state.meter.measure(self);
      self->state.boards.changed(changes.boards);
      ++self->state.board_version;
      schedule_flush(self);
    },
    [=](rewrite_atom) {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      if (s.boards.size() == 0)
        return; // no board written yet: none to lose
      s.boards.rewrite_all();
      // A barrier waits for the boards written again, too.
      ++s.board_version;
      schedule_flush(self);
    },
    [=](flush_atom) -> caf::result<caf::ok_atom> {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      if (all_stored(s) && !s.flush_in_flight)
        return caf::ok_atom::value;
      auto promise = self->make_response_promise<caf::ok_atom>();
      s.waiting.push_back({s.version, s.board_version, promise});
      if (!s.flush_in_flight && !s.sealing)
        flush_now(self, true);
      return promise;
    },
    [=](seal_atom,
        std::vector<shard_final>& finals) -> caf::result<caf::ok_atom> {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      s.sealing = true;
      std::vector<shard_top> tops;
      for (auto& final : finals)
        tops.push_back(std::move(final.global));
      auto snapshot = day_list::finalize(
        s.day, std::move(tops), s.settings.list_size, s.settings.reserve_size);
      snapshot.boards = board_lists::finalize(finals, s.settings.list_size,
                                              s.settings.reserve_size);
      auto listed = snapshot.top.size();
      auto promise = self->make_response_promise<caf::ok_atom>();
      self->request(s.writer, caf::infinite, std::move(snapshot))
        .then(
          [=](caf::ok_atom) mutable {
            auto& state = self->state;
            HOT_LOG_INFO("ranking", state.day.to_string()
                                      << ": sealed with " << listed
                                      << " articles");
            state.stored_version = state.version;
            state.board_stored_version = state.board_version;
            settle_waiting(self);
            promise.deliver(caf::ok_atom::value);
            self->quit();
          },
          [=](caf::error& err) mutable { promise.deliver(std::move(err)); });
      return promise;
    },
    [=](caf::get_atom) {
      auto scope = self->state.meter.measure(self);
      return list_snapshot{self->state.day, self->state.list.top(), {}, false};
    },
    [=](tick_atom) {
      auto scope = self->state.meter.measure(self);
      self->state.timer_armed = false;
      schedule_flush(self);
    },
    [=](stats_atom) -> actor_stats {
      auto scope = self->state.meter.measure(self);
      return report(self);
    },
  };
}

} // namespace hot
