// The introspection actor: every actor's figures, collected on a timer.
#include "actors/introspection.hpp"

#include <iomanip>
#include <sstream>

#include "actors/gather.hpp"
#include "common/logger.hpp"

namespace hot {

namespace {

using self_ptr = introspection_actor::stateful_pointer<introspection_state>;

// Sum of a figure over every actor of a kind.
int64_t total(const stats_snapshot& s, const std::string& kind,
              const std::string& figure) {
  int64_t sum = 0;
  for (const auto& a : s.actors)
    if (a.kind == kind)
      sum += s.figure(a, figure);
  return sum;
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
  auto per_second = [&](const std::string& kind, const std::string& figure) {
    auto delta = total(now, kind, figure) - total(*last, kind, figure);
    return static_cast<double>(std::max<int64_t>(delta, 0)) / seconds;
  };
  std::ostringstream line;
  line << std::fixed << std::setprecision(0)
       << per_second("partition", "consumed") << " events/s consumed, "
       << per_second("partition", "applied") << " applied, "
       << per_second("partition", "late") << " late, "
       << per_second("partition", "rejected") << " rejected; lag "
       << total(now, "partition", "lag") << "; "
       << total(now, "directory", "rankings") << " open days; "
       << per_second("writer", "lists_written") << " Redis writes/s";
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
      compute_rates(*s.board->latest(), *next);
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
