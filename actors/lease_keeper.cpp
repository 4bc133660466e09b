// The lease keeper actor: takes the group's instance lease in Redis and
// keeps it, or waits as a standby until it can take it.
#include "actors/lease_keeper.hpp"

#include <nlohmann/json.hpp>

#include "common/duration.hpp"
#include "common/logger.hpp"

namespace hot {

namespace {

using clock_type = std::chrono::steady_clock;
using self_pointer = lease_keeper_actor::stateful_pointer<lease_keeper_state>;

// A Redis failure: logged when it differs from the last one, so an outage
// is one line and not one per tick.
void note_failure(self_pointer self, const caf::error& err) {
  auto& st = self->state;
  ++st.failures;
  st.connection.reset();
  auto text = describe_io(err);
  if (text != st.last_error)
    HOT_LOG_WARN("lease", "cannot reach Redis for the instance lease: "
                            << text << "; retrying every "
                            << format_duration(st.settings.renew_interval));
  st.last_error = std::move(text);
}

void note_holder(self_pointer self, const lease_answer& answer) {
  auto& st = self->state;
  if (answer.holder == st.holder)
    return;
  st.holder = answer.holder;
  if (answer.holder.empty())
    return;
  HOT_LOG_INFO("lease", "standby: instance "
                          << answer.holder << " holds " << st.lease->key()
                          << " (for " << answer.remaining.count()
                          << " ms more); this instance ("
                          << st.lease->instance()
                          << ") consumes nothing and writes nothing until "
                             "it can take the lease");
}

// Another instance's id is in the key: whatever this one still has pending
// must never reach Redis.
void lose(self_pointer self, const std::string& holder) {
  auto& st = self->state;
  st.fence->close();
  st.status->lost = true;
  st.holder = holder;
  HOT_LOG_ERROR("lease",
                "lost " << st.lease->key() << ": it is held by " << holder);
}

// The key is gone while this instance held it: Redis restarted empty, or
// the lease expired while Redis was out of reach. Writes have waited since
// the fence closed, so taking it back (only if nobody else did first) is as
// safe as the first take.
void retake(self_pointer self) {
  auto& st = self->state;
  auto sent = clock_type::now();
  auto answer = st.lease->acquire(*st.connection);
  if (!answer) {
    note_failure(self, answer.error());
    return;
  }
  if (!answer->held) {
    lose(self, answer->holder);
    return;
  }
  st.fence->confirm(sent);
  ++st.retakes;
  HOT_LOG_WARN("lease", st.lease->key()
                          << " was gone (Redis restarted empty, or the lease "
                             "expired while Redis was out of reach); this "
                             "instance ("
                          << st.lease->instance()
                          << ") took it again and writes again");
}

void take_or_keep(self_pointer self) {
  auto& st = self->state;
  if (!st.connection) {
    auto opened = redis_connection::open(st.redis);
    if (!opened) {
      note_failure(self, opened.error());
      return;
    }
    st.connection.emplace(std::move(*opened));
  }
  bool holding = st.status->held.load();
  auto sent = clock_type::now();
  auto answer = holding ? st.lease->renew(*st.connection)
                        : st.lease->acquire(*st.connection);
  if (!answer) {
    note_failure(self, answer.error());
    return;
  }
  if (!st.last_error.empty())
    HOT_LOG_INFO("lease", "Redis answers the instance lease again");
  st.last_error.clear();
  if (answer->held) {
    st.fence->confirm(sent);
    if (holding) {
      ++st.renewals;
      return;
    }
    ++st.acquisitions;
    st.holder = answer->holder;
    st.status->held = true;
    HOT_LOG_INFO("lease", "this instance (" << st.lease->instance()
                                            << ") holds " << st.lease->key()
                                            << "; it consumes and writes");
    return;
  }
  if (holding) {
    if (answer->holder.empty())
      retake(self);
    else
      lose(self, answer->holder);
    return;
  }
  note_holder(self, *answer);
}

std::vector<actor_stats> report(self_pointer self) {
  const auto& st = self->state;
  auto out = st.meter.report("instance lease", "lease");
  bool held = st.status->held.load();
  bool lost = st.status->lost.load();
  bool writable = st.fence->writable();
  out.figures
    = {{"held", held && !lost ? 1 : 0},
       {"writable", writable ? 1 : 0},
       {"acquisitions", static_cast<int64_t>(st.acquisitions)},
       {"renewals", static_cast<int64_t>(st.renewals)},
       {"retakes", static_cast<int64_t>(st.retakes)},
       {"failures", static_cast<int64_t>(st.failures)},
       {"confirmed_ago_ms", held ? st.fence->confirmed_ago().count() : -1}};
  out.detail = nlohmann::json{{"role", lost       ? "lost"
                                       : !held    ? "standby"
                                       : writable ? "active"
                                                  : "unknown"},
                              {"instance", st.lease->instance()},
                              {"holder", st.holder},
                              {"key", st.lease->key()},
                              {"ttlMs", st.settings.ttl.count()},
                              {"lastError", st.last_error}}
                 .dump();
  return {std::move(out)};
}

} // namespace

lease_keeper_actor::behavior_type
lease_keeper(self_pointer self, lease_settings settings, redis_settings redis,
             std::string group, std::shared_ptr<lease_status> status,
             std::shared_ptr<lease_fence> fence) {
  auto& st = self->state;
  st.settings = settings;
  // A renewal that hangs must not outlast the next one: the lease's timing
  // depends on it.
  redis.connect_timeout = std::min(redis.connect_timeout,
                                   settings.renew_interval);
  redis.command_timeout = std::min(redis.command_timeout,
                                   settings.renew_interval);
  st.redis = std::move(redis);
  st.lease.emplace(lease_key(group), make_instance_id(), settings.ttl);
  st.status = std::move(status);
  st.fence = std::move(fence);
  self->send(self, tick_atom_v);
  return {
    [=](tick_atom) {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      if (s.released || s.status->lost)
        return;
      take_or_keep(self);
      self->delayed_send(self, s.settings.renew_interval, tick_atom_v);
    },
    [=](drain_atom) {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      s.released = true;
      // Main sends this after the last write; nothing may follow the
      // release.
      s.fence->close();
      if (!s.status->held || s.status->lost || !s.connection)
        return caf::ok_atom_v;
      if (auto gone = s.lease->release(*s.connection); gone && *gone)
        HOT_LOG_INFO("lease", "released " << s.lease->key());
      else
        HOT_LOG_WARN("lease", "could not release "
                                << s.lease->key() << "; it expires in "
                                << format_duration(s.settings.ttl));
      s.status->held = false;
      return caf::ok_atom_v;
    },
    [=](stats_atom) {
      auto scope = self->state.meter.measure(self);
      return report(self);
    },
  };
}

} // namespace hot
