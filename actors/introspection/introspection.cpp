// The introspection actor: every actor's figures, collected on a timer.
#include "actors/introspection/introspection.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "common/logger.hpp"
#include "messages/gather.hpp"

namespace hot {

namespace {

using self_ptr = introspection_actor::stateful_pointer<introspection_state>;

enum class stage { source, internal };

// Sum of a partition figure over one stage: an event is consumed once from
// its source topic, then again as a copy from the internal topic.
template <class Get>
int64_t partition_total(const stats_snapshot& s, stage which, Get get) {
  return s.total<partition_figures>([&](const partition_figures& f) {
    return f.source == (which == stage::source) ? get(f) : int64_t{0};
  });
}

} // namespace

std::string rate_text(double per_second) {
  std::ostringstream out;
  // A trickle must not round to zero: 2 late events in 10 s is news.
  out << std::fixed
      << std::setprecision(per_second == 0 || per_second >= 10 ? 0
                           : per_second >= 1                   ? 1
                                                               : 2)
      << per_second;
  return out.str();
}

namespace {

// Calendar days not yet sealed, as the console counts them: each ranking
// task holds its own copy of every open day, so the most any task holds,
// not their sum.
int64_t open_days(const stats_snapshot& s) {
  int64_t out = 0;
  for (const auto& entry : s.of_kind<directory_figures>())
    out = std::max(out, entry.second->rankings);
  return out;
}

void log_throughput(self_ptr self, const stats_snapshot& now) {
  auto& st = self->state;
  auto& last = st.last_logged;
  if (!last) {
    last = std::make_shared<stats_snapshot>(now);
    return;
  }
  auto seconds = std::chrono::duration<double>(now.taken - last->taken).count();
  if (seconds * 1000
      < static_cast<double>(st.settings.throughput_interval.count()))
    return;
  auto per_second = [&](auto total_of) {
    auto delta = total_of(now) - total_of(*last);
    return rate_text(static_cast<double>(std::max<int64_t>(delta, 0))
                     / seconds);
  };
  auto partitions = [](stage which, auto get) {
    return
      [=](const stats_snapshot& s) { return partition_total(s, which, get); };
  };
  auto writes = [](const stats_snapshot& s) {
    return s.total<writer_figures>(
      [](const writer_figures& f) { return f.lists_written; });
  };
  std::ostringstream line;
  line << per_second(
    partitions(stage::source, [](const auto& f) { return f.consumed; }))
       << " events/s consumed, "
       << per_second(partitions(stage::internal,
                                [](const auto& f) {
                                  return static_cast<int64_t>(
                                    f.outcomes.applied
                                    + f.outcomes.applied_later);
                                }))
       << " applied, "
       << per_second(partitions(stage::internal,
                                [](const auto& f) {
                                  return static_cast<int64_t>(f.outcomes.late);
                                }))
       << " late, "
       << per_second(partitions(stage::source,
                                [](const auto& f) { return f.rejected(); }))
       << " rejected; lag "
       << now.total<partition_figures>([](const auto& f) { return f.lag; })
       << "; " << open_days(now)
       << (open_days(now) == 1 ? " open day; " : " open days; ")
       << per_second(writes) << " Redis writes/s";
  HOT_LOG_INFO("throughput", line.str());
  last = std::make_shared<stats_snapshot>(now);
}

void start_round(self_ptr self) {
  auto& st = self->state;
  if (st.round_in_flight)
    return;
  st.round_in_flight = true;
  gather<std::vector<actor_stats>>(
    self, st.sources, on_failure::skip,
    [self](std::vector<std::vector<actor_stats>> answers) {
      auto& s = self->state;
      s.round_in_flight = false;
      auto next = std::make_shared<stats_snapshot>();
      next->taken = now_instant();
      for (auto& answer : answers)
        for (auto& stats : answer)
          next->actors.push_back(std::move(stats));
      next->actors.push_back(s.meter.report("introspection", "introspection"));
      follow(*s.board->latest(), *next);
      if (s.settings.throughput_interval.count() > 0)
        log_throughput(self, *next);
      s.board->publish(std::move(next));
    },
    [](caf::error) {}, stats_atom_v);
}

} // namespace

introspection_actor::behavior_type
introspection(self_ptr self, introspection_settings settings,
              std::shared_ptr<stats_board> board) {
  self->state.settings = settings;
  self->state.board = std::move(board);
  self->send(self, tick_atom_v);
  return {
    [=](caf::put_atom, stats_source_actor source) {
      auto scope = self->state.meter.measure(self);
      self->state.sources.push_back(std::move(source));
    },
    [=](tick_atom) {
      auto scope = self->state.meter.measure(self);
      start_round(self);
      self->delayed_send(self, self->state.settings.interval, tick_atom_v);
    },
    [=](stats_atom) {
      auto scope = self->state.meter.measure(self);
      return self->state.board->latest()->actors;
    },
  };
}

} // namespace hot
