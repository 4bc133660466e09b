// The directory actor: owns the shards and the day rankings, seals days.
#include "actors/ranking/directory.hpp"

#include <date/date.h>

#include "actors/ranking/day_ranking.hpp"
#include "actors/ranking/shard.hpp"
#include "actors/ranking/state/day_list.hpp"
#include "common/logger.hpp"
#include "messages/gather.hpp"
#include "messages/routing.hpp"

namespace hot {

namespace {

using self_ptr = directory_actor::stateful_pointer<directory_state>;

day_ranking_actor ranking_for(self_ptr self, day_key day) {
  auto& st = self->state;
  auto it = st.rankings.find(day);
  if (it != st.rankings.end())
    return it->second;
  auto ranking = self->spawn<caf::linked>(day_ranking, day,
                                          st.settings->ranking, st.writer,
                                          st.shards, st.settings->label);
  st.rankings.emplace(day, ranking);
  HOT_LOG_DEBUG("directory", "ranking for " << day.to_string() << " started");
  return ranking;
}

void send_edit(self_ptr self, sealed_edit edit) {
  auto& st = self->state;
  ++st.edits_forwarded;
  auto day = edit.day;
  self->request(st.writer, caf::infinite, std::move(edit))
    .then([](caf::ok_atom) {},
          [day](caf::error& err) {
            HOT_LOG_ERROR("directory", "edit of sealed day "
                                         << day.to_string()
                                         << " failed: " << caf::to_string(err));
          });
}

void maybe_seal(self_ptr self);

void finish_seal(self_ptr self, day_key day) {
  auto& st = self->state;
  st.rankings.erase(day);
  st.sealed_through = day;
  st.sealing.reset();
  ++st.days_sealed;
  // The final list is stored; the marker and the held edits go after it.
  self->request(st.writer, caf::infinite, caf::put_atom_v, sealed_atom_v, day)
    .then([](caf::ok_atom) {},
          [day](caf::error& err) {
            HOT_LOG_ERROR("directory", "marking " << day.to_string()
                                                  << " sealed failed: "
                                                  << caf::to_string(err));
          });
  auto held = std::move(st.held_edits);
  st.held_edits.clear();
  for (auto& edit : held)
    send_edit(self, std::move(edit));
  auto waiting = std::move(st.after_sealing);
  st.after_sealing.clear();
  for (auto& resume : waiting)
    resume();
  maybe_seal(self);
}

void begin_seal(self_ptr self, day_key day) {
  auto& st = self->state;
  st.sealing = day;
  HOT_LOG_INFO("directory", "sealing " << day.to_string());
  auto n = st.settings->ranking.list_size + st.settings->ranking.reserve_size;
  gather<shard_final>(
    self, st.shards, on_failure::abort,
    [=](std::vector<shard_final> finals) {
      auto& s = self->state;
      bool has_entries = false;
      for (const auto& final : finals)
        has_entries = has_entries || !final.global.entries.empty()
                      || !final.boards.empty();
      // A day nobody ranked here keeps whatever Redis already has.
      if (!has_entries && s.rankings.count(day) == 0) {
        finish_seal(self, day);
        return;
      }
      auto ranking = ranking_for(self, day);
      self->request(ranking, caf::infinite, seal_atom_v, std::move(finals))
        .then([=](caf::ok_atom) { finish_seal(self, day); },
              [=](caf::error& err) {
                HOT_LOG_ERROR("directory", "final list of "
                                             << day.to_string() << " failed: "
                                             << caf::to_string(err));
              });
    },
    [=](caf::error err) {
      HOT_LOG_ERROR("directory", "sealing " << day.to_string() << " failed: "
                                            << caf::to_string(err));
    },
    seal_atom_v, day, n);
}

// A second consumer in the group keeps partitions away: their events never
// reach these shards, so the days they may still hold cannot be sealed.
void warn_if_held(self_ptr self) {
  auto& st = self->state;
  auto held = st.clock.held_by_released();
  auto wall = now_instant();
  auto due = st.settings->calendar.seal_of(st.sealed_through.next());
  if (held.empty() || wall < due || wall < st.next_held_warning)
    return;
  st.next_held_warning = wall + std::chrono::minutes{1};
  std::string names;
  for (const auto& ref : held)
    names += (names.empty() ? "" : ", ") + ref.to_string();
  HOT_LOG_WARN("directory",
               "sealing " << st.sealed_through.next().to_string()
                          << " is overdue: waiting for partitions read "
                             "elsewhere ("
                          << names << "); is another consumer in the group?");
}

void maybe_seal(self_ptr self) {
  auto& st = self->state;
  if (st.sealing)
    return;
  auto now = st.clock.now();
  if (!now)
    return;
  auto next = st.sealed_through.next();
  if (*now >= st.settings->calendar.seal_of(next))
    begin_seal(self, next);
}

// Every shard has sent on what it applied: each day's ranking hands its
// list to the writer, then `then` runs.
void flush_rankings(self_ptr self, std::function<void()> then) {
  auto& st = self->state;
  if (st.sealing) {
    // Edits of the day being sealed are held here, not yet stored.
    st.after_sealing.emplace_back(
      [=] { flush_rankings(self, std::move(then)); });
    return;
  }
  std::vector<day_ranking_actor> rankings;
  for (const auto& [day, ranking] : st.rankings)
    rankings.push_back(ranking);
  // A ranking that quit stored its final list before quitting.
  gather<caf::ok_atom>(
    self, rankings, on_failure::skip,
    [then](std::vector<caf::ok_atom>) { then(); }, [](caf::error) {},
    flush_atom_v);
}

// Everything applied so far reaches the writer: the shards send on what
// they applied (their answer comes after their tops), then the rankings
// hand over their lists. Shared by barriers and the end of a replay.
void hand_over(self_ptr self, std::function<void()> then,
               std::function<void(caf::error)> failed) {
  gather<caf::ok_atom>(
    self, self->state.shards, on_failure::abort,
    [=](std::vector<caf::ok_atom>) { flush_rankings(self, then); },
    [failed](caf::error err) { failed(std::move(err)); }, barrier_atom_v);
}

// The replay caught up: everything it rebuilt goes to the writer, which
// then writes it all in one round trip. A reader goes straight from the
// former owner's partial to the caught-up one.
void publish(self_ptr self) {
  auto& st = self->state;
  if (!st.replaying)
    return;
  // From here on barriers wait for the writer, which answers them once
  // it has written what the replay rebuilt.
  st.replaying = false;
  hand_over(
    self,
    [self] {
      self->send(self->state.writer, publish_atom_v);
      HOT_LOG_INFO("ranking", self->state.settings->label
                                << ": replay caught up, publishing");
    },
    [self](caf::error err) {
      HOT_LOG_ERROR("ranking", self->state.settings->label
                                 << ": cannot publish the replay: "
                                 << caf::to_string(err));
    });
}

std::vector<actor_stats> own_stats(self_ptr self) {
  auto& st = self->state;
  const auto& label = st.settings->label;
  auto out = st.meter.report(label.empty() ? "directory" : "directory " + label,
                             "directory");
  directory_figures f;
  f.partition = st.settings->partition;
  f.sealed_through = st.sealed_through;
  f.is_sealing = st.sealing.has_value();
  if (st.sealing)
    f.sealing = *st.sealing;
  f.shards = static_cast<int64_t>(st.shards.size());
  f.rankings = static_cast<int64_t>(st.rankings.size());
  f.partitions = static_cast<int64_t>(st.clock.assigned());
  f.days_sealed = static_cast<int64_t>(st.days_sealed);
  f.tops_routed = static_cast<int64_t>(st.tops_routed);
  f.edits_forwarded = static_cast<int64_t>(st.edits_forwarded);
  f.barriers = static_cast<int64_t>(st.barriers);
  if (auto now = st.clock.now(); now && *now != instant::min())
    f.stream_time_ms = now->time_since_epoch().count();
  out.figures = std::move(f);
  return {out};
}

} // namespace

directory_actor::behavior_type
directory(self_ptr self, directory_settings settings, redis_writer_actor writer,
          day_key sealed_through) {
  auto& st = self->state;
  st.writer = std::move(writer);
  st.sealed_through = sealed_through;
  auto me = caf::actor_cast<directory_actor>(self);
  for (uint32_t i = 0; i < settings.shards.count; ++i) {
    article_book book{settings.calendar, settings.ranking.weights,
                      settings.shards, settings.ranking.list_size,
                      sealed_through};
    st.shards.push_back(
      self->spawn<caf::linked>(shard, i, me, std::move(book), settings.label));
  }
  st.settings.emplace(std::move(settings));
  self->send(self, tick_atom_v);
  return {
    [=](shard_top& top) {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      if (top.day <= s.sealed_through)
        return;
      ++s.tops_routed;
      self->send(ranking_for(self, top.day), std::move(top));
    },
    [=](board_changes& changes) {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      if (changes.day <= s.sealed_through)
        return;
      ++s.board_changes_routed;
      self->send(ranking_for(self, changes.day), std::move(changes));
    },
    [=](sealed_edit& edit) {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      if (s.sealing && edit.day <= *s.sealing)
        s.held_edits.push_back(std::move(edit));
      else
        send_edit(self, std::move(edit));
    },
    [=](progress_atom, const partition_ref& partition, instant progress) {
      auto scope = self->state.meter.measure(self);
      self->state.clock.report(partition, progress);
      maybe_seal(self);
    },
    [=](forget_atom, const partition_ref& partition) {
      auto scope = self->state.meter.measure(self);
      self->state.clock.release(partition);
    },
    [=](barrier_atom) -> caf::result<caf::ok_atom> {
      auto scope = self->state.meter.measure(self);
      ++self->state.barriers;
      // Nothing is stored while the task replays, and its partition
      // reports no new commit offset until then: nothing to vouch for.
      if (self->state.replaying)
        return caf::ok_atom_v;
      auto promise = self->make_response_promise<caf::ok_atom>();
      hand_over(
        self,
        [=]() mutable {
          self->request(self->state.writer, caf::infinite, barrier_atom_v)
            .then(
              [=](caf::ok_atom) mutable { promise.deliver(caf::ok_atom_v); },
              [=](caf::error& err) mutable { promise.deliver(err); });
        },
        [=](caf::error err) mutable { promise.deliver(std::move(err)); });
      return promise;
    },
    [=](publish_atom) {
      auto scope = self->state.meter.measure(self);
      publish(self);
    },
    [=](caf::get_atom, shards_atom) { return self->state.shards; },
    [=](caf::get_atom, sealed_atom) { return self->state.sealed_through; },
    [=](caf::get_atom, article_id id) {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      auto target
        = s.shards[shard_of(id, static_cast<uint32_t>(s.shards.size()))];
      return self->delegate(target, caf::get_atom_v, id);
    },
    [=](caf::get_atom, day_key day,
        uint32_t n) -> caf::result<std::vector<ranked_article>> {
      auto scope = self->state.meter.measure(self);
      auto promise = self->make_response_promise<std::vector<ranked_article>>();
      gather<shard_top>(
        self, self->state.shards, on_failure::abort,
        [=](std::vector<shard_top> tops) mutable {
          promise.deliver(best_of(std::move(tops), n));
        },
        [=](caf::error err) mutable { promise.deliver(std::move(err)); },
        caf::get_atom_v, day, n);
      return promise;
    },
    [=](tick_atom) {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      maybe_seal(self);
      warn_if_held(self);
      self->delayed_send(self, s.settings->tick_interval, tick_atom_v);
    },
    [=](stats_atom) -> caf::result<std::vector<actor_stats>> {
      auto scope = self->state.meter.measure(self);
      auto promise = self->make_response_promise<std::vector<actor_stats>>();
      auto out = own_stats(self);
      gather<actor_stats>(
        self, self->state.shards, on_failure::skip,
        [=](std::vector<actor_stats> shard_stats) mutable {
          std::vector<day_ranking_actor> rankings;
          for (const auto& [day, ranking] : self->state.rankings)
            rankings.push_back(ranking);
          gather<actor_stats>(
            self, rankings, on_failure::skip,
            [=](std::vector<actor_stats> ranking_stats) mutable {
              auto all = out;
              all.insert(all.end(), shard_stats.begin(), shard_stats.end());
              all.insert(all.end(), ranking_stats.begin(), ranking_stats.end());
              promise.deliver(std::move(all));
            },
            [](caf::error) {}, stats_atom_v);
        },
        [](caf::error) {}, stats_atom_v);
      return promise;
    },
  };
}

} // namespace hot
