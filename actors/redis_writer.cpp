// The Redis writer actor: the only writer of the day lists.
#include "actors/redis_writer.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "actors/io/list_store.hpp"
#include "common/logger.hpp"

namespace hot {

namespace {

using self_ptr = redis_writer_actor::stateful_pointer<redis_writer_state>;
using steady = std::chrono::steady_clock;

std::string address(const redis_settings& s) {
  return s.host + ":" + std::to_string(s.port);
}

void arm_retry(self_ptr self) {
  auto& st = self->state;
  if (st.retry_armed)
    return;
  st.backoff = st.backoff.count() == 0
                 ? st.settings.retry_min
                 : std::min(st.backoff * 2, st.settings.retry_max);
  st.retry_armed = true;
  self->delayed_send(self, st.backoff, retry_atom_v);
}

bool connect(self_ptr self) {
  auto& st = self->state;
  ++st.connect_attempts;
  auto conn = redis_connection::open(st.settings);
  if (!conn) {
    ++st.connection_errors;
    st.last_error = describe_io(conn.error());
    arm_retry(self);
    HOT_LOG_WARN("redis", "cannot reach Redis at "
                            << address(st.settings) << ": " << st.last_error
                            << "; retrying in " << st.backoff.count()
                            << " ms (attempt " << st.connect_attempts << ")");
    return false;
  }
  HOT_LOG_INFO("redis", "connected to Redis at " << address(st.settings));
  st.connection.emplace(std::move(*conn));
  st.backoff = std::chrono::milliseconds{0};
  return true;
}

bool idle(const redis_writer_state& st) {
  return st.lists.empty() && st.ops.empty();
}

void settle_barriers(self_ptr self) {
  auto& st = self->state;
  if (!idle(st))
    return;
  for (auto& barrier : st.barriers)
    barrier.deliver(caf::ok_atom_v);
  st.barriers.clear();
}

// Writes everything pending in one pipelined round trip.
void write_pending(self_ptr self) {
  auto& st = self->state;
  auto& conn = *st.connection;
  struct planned {
    bool is_list;
    day_key day;
    size_t replies;
  };
  std::vector<planned> plan;
  for (const auto& [day, pending] : st.lists) {
    auto commands = list_write(
      pending.snapshot,
      std::chrono::duration_cast<std::chrono::seconds>(st.settings.list_ttl));
    for (const auto& command : commands)
      conn.append(command);
    plan.push_back(planned{true, day, commands.size()});
  }
  for (const auto& op : st.ops) {
    conn.append(op.command);
    plan.push_back(planned{false, {}, 1});
  }
  auto start = steady::now();
  auto replies = conn.exchange();
  if (!replies) {
    ++st.connection_errors;
    st.last_error = describe_io(replies.error());
    st.connection.reset();
    arm_retry(self);
    HOT_LOG_WARN("redis", "lost the connection to Redis: "
                            << st.last_error << "; keeping " << st.lists.size()
                            << " lists and " << st.ops.size()
                            << " edits for the retry");
    return;
  }
  st.last_latency = steady::now() - start;
  size_t next = 0;
  for (const auto& item : plan) {
    const auto& reply = *(*replies)[next + item.replies - 1];
    next += item.replies;
    auto outcome = reply.type == REDIS_REPLY_ERROR ? reply_error(reply)
                                                   : caf::error{};
    bool ok = !outcome;
    std::optional<redis_writer_state::pending_op> op;
    if (!item.is_list) {
      op = std::move(st.ops.front());
      st.ops.pop_front();
    }
    if (!ok) {
      // Redis refused the command itself: retrying cannot help.
      ++st.write_errors;
      st.last_error = describe_io(outcome);
      HOT_LOG_ERROR("redis", (op ? op->what : "list of " + item.day.to_string())
                               << ": write refused: " << st.last_error);
    }
    if (item.is_list) {
      auto node = st.lists.extract(item.day);
      if (ok)
        ++st.lists_written;
      if (ok && node.mapped().snapshot.final)
        st.last_final = std::max(st.last_final, item.day);
      for (auto& waiting : node.mapped().waiting)
        ok ? waiting.deliver(caf::ok_atom_v) : waiting.deliver(outcome);
      continue;
    }
    if (op->read_sealed) {
      auto day = parse_sealed_through(reply);
      op->read_sealed->deliver(day ? *day : day_key{});
    } else if (op->done) {
      if (ok)
        ++st.edits_written;
      ok ? op->done->deliver(caf::ok_atom_v) : op->done->deliver(outcome);
    }
  }
}

void drain(self_ptr self) {
  auto& st = self->state;
  if (idle(st)) {
    settle_barriers(self);
    return;
  }
  // More requests are queued: let the last of them write everything at once.
  if (self->mailbox().size() > 0 || st.retry_armed)
    return;
  if (!st.connection && !connect(self))
    return;
  write_pending(self);
  settle_barriers(self);
}

actor_stats report(self_ptr self) {
  auto& st = self->state;
  auto out = st.meter.report("redis-writer", "writer");
  auto pending_edits = static_cast<int64_t>(st.ops.size());
  out.figures = {
    {"connected", st.connection ? 1 : 0},
    {"lists_written", static_cast<int64_t>(st.lists_written)},
    {"edits_written", static_cast<int64_t>(st.edits_written)},
    {"write_errors", static_cast<int64_t>(st.write_errors)},
    {"connection_errors", static_cast<int64_t>(st.connection_errors)},
    {"pending_lists", static_cast<int64_t>(st.lists.size())},
    {"pending_ops", pending_edits},
    {"last_latency_us",
     std::chrono::duration_cast<std::chrono::microseconds>(st.last_latency)
       .count()},
  };
  nlohmann::json detail{{"address", address(st.settings)},
                        {"lastError", st.last_error}};
  out.detail = detail.dump();
  return out;
}

} // namespace

redis_writer_actor::behavior_type
redis_writer(self_ptr self, redis_settings settings, uint32_t list_size) {
  self->state.settings = std::move(settings);
  self->state.list_size = list_size;
  return {
    [=](list_snapshot& snapshot) -> caf::result<caf::ok_atom> {
      auto scope = self->state.meter.measure(self);
      auto& st = self->state;
      // Days are sealed in order: a day up to the last final one is sealed.
      if (!snapshot.final && snapshot.day <= st.last_final)
        return caf::ok_atom_v;
      auto promise = self->make_response_promise<caf::ok_atom>();
      auto& pending = st.lists[snapshot.day];
      // A final list is never replaced by a live one.
      if (!pending.snapshot.final || snapshot.final)
        pending.snapshot = std::move(snapshot);
      pending.waiting.push_back(promise);
      drain(self);
      return promise;
    },
    [=](sealed_edit& edit) -> caf::result<caf::ok_atom> {
      auto scope = self->state.meter.measure(self);
      auto promise = self->make_response_promise<caf::ok_atom>();
      auto what = "edit of " + edit.day.to_string();
      self->state.ops.push_back(redis_writer_state::pending_op{
        sealed_edit_command(edit, self->state.list_size), std::move(what),
        promise, std::nullopt});
      drain(self);
      return promise;
    },
    [=](caf::put_atom, sealed_atom, day_key day) -> caf::result<caf::ok_atom> {
      auto scope = self->state.meter.measure(self);
      auto promise = self->make_response_promise<caf::ok_atom>();
      self->state.ops.push_back(redis_writer_state::pending_op{
        sealed_through_write(day), "sealed marker", promise, std::nullopt});
      drain(self);
      return promise;
    },
    [=](caf::get_atom, sealed_atom) -> caf::result<day_key> {
      auto scope = self->state.meter.measure(self);
      auto promise = self->make_response_promise<day_key>();
      self->state.ops.push_back(redis_writer_state::pending_op{
        sealed_through_read(), "sealed marker read", std::nullopt, promise});
      drain(self);
      return promise;
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
    [=](stats_atom) {
      auto scope = self->state.meter.measure(self);
      auto out = report(self);
      drain(self);
      return std::vector<actor_stats>{std::move(out)};
    },
  };
}

} // namespace hot
