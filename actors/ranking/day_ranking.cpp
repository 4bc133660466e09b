// The day-ranking actor: one day's exact list, flushed to Redis.
#include "actors/ranking/day_ranking.hpp"

#include "common/logger.hpp"

namespace hot {

namespace {

using self_ptr = day_ranking_actor::stateful_pointer<day_ranking_state>;

void flush_now(self_ptr self);

void settle_waiting(self_ptr self) {
  auto& st = self->state;
  auto& waiting = st.waiting;
  for (auto it = waiting.begin(); it != waiting.end();) {
    if (it->first <= st.stored_version) {
      it->second.deliver(caf::ok_atom::value);
      it = waiting.erase(it);
    } else {
      ++it;
    }
  }
}

// Coalesces writes: at most one per interval, none while one is in flight.
void schedule_flush(self_ptr self) {
  auto& st = self->state;
  if (st.sealing || st.flush_in_flight || st.timer_armed
      || st.version == st.stored_version)
    return;
  // The actor clock: simulated under CAF's test scheduler.
  auto now = self->clock().now();
  auto since = st.last_flush_start ? now - *st.last_flush_start
                                   : caf::actor_clock::duration_type::max();
  if (since >= st.settings.flush_interval || !st.waiting.empty()) {
    flush_now(self);
    return;
  }
  st.timer_armed = true;
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
    st.settings.flush_interval - since);
  self->delayed_send(self, wait, tick_atom_v);
}

void flush_now(self_ptr self) {
  auto& st = self->state;
  st.flush_in_flight = true;
  st.last_flush_start = self->clock().now();
  auto version = st.version;
  list_snapshot snapshot{
    st.day, st.list.top(), {}, false, st.boards.take_changed()};
  // Taken boards are written with this flush; if it fails they go again.
  auto boards = snapshot.boards;
  self->request(st.writer, caf::infinite, std::move(snapshot))
    .then(
      [=](caf::ok_atom) {
        auto& s = self->state;
        s.flush_in_flight = false;
        s.stored_version = std::max(s.stored_version, version);
        ++s.flushes;
        s.last_flush_latency = self->clock().now() - *s.last_flush_start;
        s.last_flush_at = std::chrono::system_clock::now();
        s.last_flush_result = "ok";
        settle_waiting(self);
        schedule_flush(self);
      },
      [=](caf::error& err) {
        auto& s = self->state;
        s.flush_in_flight = false;
        ++s.flush_errors;
        s.boards.mark_changed(boards);
        auto why = caf::to_string(err);
        // Once per streak of the same failure: retries repeat it.
        if (why != s.last_flush_result)
          HOT_LOG_ERROR("ranking", s.day.to_string()
                                     << ": flush failed: " << why);
        s.last_flush_result = std::move(why);
        // Not at once, even with a barrier waiting: a fenced writer
        // refuses every write at once, and the retry would spin.
        if (!s.timer_armed) {
          s.timer_armed = true;
          self->delayed_send(self, s.settings.flush_interval, tick_atom_v);
        }
      });
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
  f.unstored_changes = static_cast<int64_t>(st.version - st.stored_version);
  f.last_flush_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      st.last_flush_at.time_since_epoch())
                      .count();
  out.figures = std::move(f);
  return out;
}

} // namespace

day_ranking_actor::behavior_type
day_ranking(self_ptr self, day_key day, ranking_settings settings,
            redis_writer_actor writer, std::string label) {
  auto& st = self->state;
  st.day = day;
  st.label = std::move(label);
  st.settings = settings;
  st.writer = std::move(writer);
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
    [=](board_top& top) {
      auto scope = self->state.meter.measure(self);
      if (self->state.boards.update(std::move(top))) {
        ++self->state.version;
        schedule_flush(self);
      }
    },
    [=](flush_atom) -> caf::result<caf::ok_atom> {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      if (s.stored_version == s.version && !s.flush_in_flight)
        return caf::ok_atom::value;
      auto promise = self->make_response_promise<caf::ok_atom>();
      s.waiting.emplace_back(s.version, promise);
      if (!s.flush_in_flight && !s.sealing)
        flush_now(self);
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
