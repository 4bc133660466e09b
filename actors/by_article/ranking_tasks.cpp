// The ranking tasks actor: one ranking task per owned internal partition.
#include "actors/by_article/ranking_tasks.hpp"

#include "actors/ranking/state/day_list.hpp"
#include "actors/ranking/state/recovery.hpp"
#include "actors/redis/redis_writer.hpp"
#include "common/logger.hpp"
#include "messages/by_article.hpp"
#include "messages/gather.hpp"

namespace hot {

namespace {

using self_ptr = ranking_tasks_actor::stateful_pointer<ranking_tasks_state>;
using task_reply
  = caf::typed_response_promise<directory_actor, std::vector<shard_actor>,
                                day_key>;

// A task ranks a partition's own articles and keeps the best `list-size +
// reserve-size` of each day as its partial: Redis merges the partials, and
// a delete after the seal refills from the owning partition's reserve.
directory_settings task_directory_settings(const ranking_tasks_settings& s,
                                           int32_t partition) {
  auto ranking = s.ranking;
  ranking.list_size = s.ranking.list_size + s.ranking.reserve_size;
  ranking.reserve_size = 0;
  ranking.served_size = s.ranking.list_size;
  return directory_settings{
    s.calendar, ranking, s.shards, 1s, "p" + std::to_string(partition),
    partition};
}

void stop_task(self_ptr self, ranking_tasks_state::task& t) {
  self->unlink_from(t.directory);
  self->unlink_from(t.writer);
  self->send_exit(t.directory, caf::exit_reason::user_shutdown);
  self->send_exit(t.writer, caf::exit_reason::user_shutdown);
}

void start_directory(self_ptr self, int32_t partition,
                     const partition_claim& claim,
                     const std::vector<partition_ref>& sources,
                     redis_writer_actor writer, task_reply promise) {
  auto& st = self->state;
  const auto& cfg = *st.settings;
  std::optional<day_key> stored;
  if (claim.partition_sealed != day_key{})
    stored = claim.partition_sealed;
  else if (claim.sealed_through != day_key{})
    stored = claim.sealed_through;
  auto sealed = initial_sealed_through(cfg.calendar, stored, now_instant(),
                                       cfg.redis.list_ttl);
  auto directory = self->spawn<caf::linked>(
    hot::directory, task_directory_settings(cfg, partition), writer, sealed);
  // Until every source partition's watermark has arrived, the task's
  // stream time holds back: a day cannot be sealed on part of the input.
  for (const auto& source : sources)
    self->send(directory, progress_atom_v, source, instant::min());
  HOT_LOG_INFO("tasks", "partition " << partition << ": epoch " << claim.epoch
                                     << ", lists final through "
                                     << sealed.to_string() << ", rebuilding "
                                     << "from " << sealed.next().to_string());
  self->request(directory, caf::infinite, caf::get_atom_v, shards_atom_v)
    .then(
      [=](std::vector<shard_actor>& shards) mutable {
        auto& t = self->state.tasks[partition];
        t = ranking_tasks_state::task{writer,      directory, shards,
                                      claim.epoch, sealed,    std::nullopt};
        promise.deliver(directory, std::move(shards), sealed);
      },
      [=](caf::error& err) mutable { promise.deliver(std::move(err)); });
}

caf::result<directory_actor, std::vector<shard_actor>, day_key>
claim(self_ptr self, int32_t partition, std::vector<partition_ref> sources) {
  auto& st = self->state;
  if (auto it = st.tasks.find(partition); it != st.tasks.end()) {
    // Assigned again without a revoke in between (a lost assignment):
    // the old task's writes may already be refused, start afresh.
    stop_task(self, it->second);
    st.tasks.erase(it);
  }
  ++st.claims;
  auto layout = partial_layout{st.settings->partitions,
                               st.settings->ranking.list_size,
                               st.settings->ranking.reserve_size};
  // Linked: when the tasks actor stops, every task stops with it.
  auto writer = self->spawn<caf::detached + caf::linked>(
    redis_writer, st.connections, layout, partition, st.fenced_writes);
  auto promise
    = self->make_response_promise<directory_actor, std::vector<shard_actor>,
                                  day_key>();
  auto timeout = st.settings->claim_timeout;
  auto deadline = now_instant() + timeout;
  self
    ->request(writer, timeout, claim_atom_v,
              static_cast<int64_t>(deadline.time_since_epoch().count()))
    .then(
      [=](const partition_claim& claim) {
        // Nothing reaches Redis until the replay caught up: the partial
        // there stays as its former owner left it, never going back.
        self->send(writer, hold_atom_v);
        start_directory(self, partition, claim, sources, writer, promise);
      },
      [=](caf::error& err) mutable {
        ++self->state.claim_failures;
        self->unlink_from(writer);
        self->send_exit(writer, caf::exit_reason::user_shutdown);
        promise.deliver(std::move(err));
      });
  return promise;
}

std::vector<directory_actor> directories(const ranking_tasks_state& st) {
  std::vector<directory_actor> out;
  for (const auto& [partition, t] : st.tasks)
    out.push_back(t.directory);
  return out;
}

// Which tasks' writers have been fenced for longer than the reclaim
// delay. A writer fenced while Kafka still assigns its partition here
// lost to a claim that should not have run (one from an instance that had
// already given the partition up); staying fenced would stop the
// partition's lists and commits until a restart.
caf::result<std::vector<int32_t>> long_fenced(self_ptr self) {
  std::vector<int32_t> partitions;
  std::vector<redis_writer_actor> writers;
  for (const auto& [partition, t] : self->state.tasks) {
    partitions.push_back(partition);
    writers.push_back(t.writer);
  }
  auto promise = self->make_response_promise<std::vector<int32_t>>();
  gather<uint64_t>(
    self, writers, on_failure::abort,
    [=](std::vector<uint64_t> newer) mutable {
      auto& st = self->state;
      auto now = std::chrono::steady_clock::now();
      std::vector<int32_t> due;
      for (size_t i = 0; i < partitions.size(); ++i) {
        auto it = st.tasks.find(partitions[i]);
        if (it == st.tasks.end() || it->second.writer != writers[i])
          continue; // released or claimed again meanwhile
        auto& since = it->second.fenced_since;
        if (newer[i] == 0) {
          since.reset();
          continue;
        }
        if (!since)
          since = now;
        if (now - *since >= st.settings->reclaim_after)
          due.push_back(partitions[i]);
      }
      promise.deliver(std::move(due));
    },
    [=](caf::error err) mutable { promise.deliver(std::move(err)); },
    fenced_atom_v);
  return promise;
}

actor_stats own_stats(self_ptr self) {
  auto& st = self->state;
  auto out = st.meter.report("ranking-tasks", "tasks");
  tasks_figures f;
  f.claims = static_cast<int64_t>(st.claims);
  f.claim_failures = static_cast<int64_t>(st.claim_failures);
  f.released = static_cast<int64_t>(st.released);
  f.fenced_writes = static_cast<int64_t>(st.fenced_writes->load());
  f.redis_connections
    = static_cast<int64_t>(st.connections->open_connections());
  for (const auto& [partition, t] : st.tasks)
    f.epochs.emplace_back(partition, static_cast<int64_t>(t.epoch));
  out.figures = std::move(f);
  return out;
}

} // namespace

ranking_tasks_actor::behavior_type
ranking_tasks(self_ptr self, ranking_tasks_settings settings) {
  self->state.settings.emplace(std::move(settings));
  self->state.connections = connection_pool::make(self->state.settings->redis);
  return {
    [=](claim_atom, int32_t partition, std::vector<partition_ref>& sources)
      -> caf::result<directory_actor, std::vector<shard_actor>, day_key> {
      auto scope = self->state.meter.measure(self);
      return claim(self, partition, std::move(sources));
    },
    [=](forget_atom, int32_t partition) {
      auto scope = self->state.meter.measure(self);
      auto& st = self->state;
      if (auto it = st.tasks.find(partition); it != st.tasks.end()) {
        stop_task(self, it->second);
        st.tasks.erase(it);
        ++st.released;
        HOT_LOG_INFO("tasks", "partition " << partition << " released");
      }
      return caf::ok_atom_v;
    },
    [=](barrier_atom,
        const std::vector<int32_t>& partitions) -> caf::result<caf::ok_atom> {
      auto scope = self->state.meter.measure(self);
      std::vector<directory_actor> targets;
      for (auto p : partitions)
        if (auto it = self->state.tasks.find(p); it != self->state.tasks.end())
          targets.push_back(it->second.directory);
      auto promise = self->make_response_promise<caf::ok_atom>();
      gather<caf::ok_atom>(
        self, targets, on_failure::abort,
        [=](std::vector<caf::ok_atom>) mutable {
          promise.deliver(caf::ok_atom_v);
        },
        [=](caf::error err) mutable { promise.deliver(std::move(err)); },
        barrier_atom_v);
      return promise;
    },
    [=](caf::get_atom, article_id id) -> caf::result<article_view> {
      auto scope = self->state.meter.measure(self);
      auto& st = self->state;
      auto owner = by_article_partition(id, st.settings->partitions);
      auto it = st.tasks.find(owner);
      if (it == st.tasks.end()) {
        article_view none;
        none.id = id;
        return none;
      }
      return self->delegate(it->second.directory, caf::get_atom_v, id);
    },
    [=](caf::get_atom, day_key day,
        uint32_t n) -> caf::result<std::vector<ranked_article>> {
      auto scope = self->state.meter.measure(self);
      auto promise = self->make_response_promise<std::vector<ranked_article>>();
      gather<std::vector<ranked_article>>(
        self, directories(self->state), on_failure::abort,
        [=](std::vector<std::vector<ranked_article>> parts) mutable {
          std::vector<ranked_article> all;
          for (auto& part : parts)
            all.insert(all.end(), part.begin(), part.end());
          promise.deliver(best_of(std::move(all), n));
        },
        [=](caf::error err) mutable { promise.deliver(std::move(err)); },
        caf::get_atom_v, day, n);
      return promise;
    },
    [=](caf::get_atom, sealed_atom) -> caf::result<day_key> {
      auto scope = self->state.meter.measure(self);
      auto promise = self->make_response_promise<day_key>();
      gather<day_key>(
        self, directories(self->state), on_failure::skip,
        [=](std::vector<day_key> days) mutable {
          day_key oldest;
          for (auto day : days)
            if (oldest == day_key{} || day < oldest)
              oldest = day;
          promise.deliver(oldest);
        },
        [](caf::error) {}, caf::get_atom_v, sealed_atom_v);
      return promise;
    },
    [=](caf::get_atom, fenced_atom) -> caf::result<std::vector<int32_t>> {
      auto scope = self->state.meter.measure(self);
      return long_fenced(self);
    },
    [=](stats_atom) -> caf::result<std::vector<actor_stats>> {
      auto scope = self->state.meter.measure(self);
      auto promise = self->make_response_promise<std::vector<actor_stats>>();
      auto out = own_stats(self);
      std::vector<redis_writer_actor> writers;
      for (const auto& [partition, t] : self->state.tasks)
        writers.push_back(t.writer);
      gather<std::vector<actor_stats>>(
        self, directories(self->state), on_failure::skip,
        [=](std::vector<std::vector<actor_stats>> dirs) mutable {
          gather<std::vector<actor_stats>>(
            self, writers, on_failure::skip,
            [=](std::vector<std::vector<actor_stats>> ws) mutable {
              std::vector<actor_stats> all{out};
              for (auto* group : {&dirs, &ws})
                for (auto& part : *group)
                  all.insert(all.end(), part.begin(), part.end());
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
