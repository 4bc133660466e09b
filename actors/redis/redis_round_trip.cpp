// The Redis writer's round trip: everything pending in one pipeline, then
// each reply to whoever waits for it.
#include "actors/redis/redis_round_trip.hpp"

#include <algorithm>

#include "actors/redis/partial_store.hpp"
#include "actors/redis/redis_error.hpp"
#include "common/logger.hpp"

namespace hot {

namespace {

using steady = stored_days::clock;

// Answers a list write's waiters and remembers what it stored.
void finish_list(redis_writer_state& st, day_key day, const caf::error& outcome,
                 steady::time_point expires_at) {
  auto pending = st.queue.take_list(day);
  if (!outcome) {
    ++st.lists_written;
    st.edits_written += pending.edits;
    if (pending.snapshot.final)
      st.last_final = std::max(st.last_final, day);
    st.stored.stored(std::move(pending.snapshot), expires_at);
  }
  for (auto& waiting : pending.waiting)
    outcome ? waiting.deliver(outcome) : waiting.deliver(caf::ok_atom_v);
}

void finish_claim(redis_writer_state& st, const redisReply& reply,
                  caf::typed_response_promise<partition_claim>& promise) {
  auto claim = parse_claim(reply);
  if (!claim) {
    promise.deliver(claim.error());
    return;
  }
  st.epoch = claim->epoch;
  partition_claim out;
  out.partition = st.partition;
  out.epoch = claim->epoch;
  out.partition_sealed = claim->partition_sealed.value_or(day_key{});
  out.sealed_through = claim->sealed_through.value_or(day_key{});
  HOT_LOG_INFO("redis", "partition " << st.partition << " claimed with epoch "
                                     << st.epoch);
  promise.deliver(out);
}

// A write the script refused: a newer owner raised the partition's epoch.
caf::error check_fence(redis_writer_state& st, const redisReply& reply) {
  auto outcome = parse_fenced(reply);
  if (!outcome)
    return outcome.error();
  if (outcome->applied)
    return caf::none;
  ++st.fenced_writes;
  if (st.instance_fenced_writes)
    st.instance_fenced_writes->fetch_add(1);
  if (!st.fenced) {
    st.fenced = true;
    st.newer_epoch = outcome->epoch;
    HOT_LOG_ERROR("redis", "partition "
                             << st.partition << ": write refused, epoch "
                             << st.epoch << " is older than " << outcome->epoch
                             << ": another instance owns the partition now; "
                                "this one stops writing it");
  }
  return caf::make_error(redis_errc::fenced, "partition "
                                               + std::to_string(st.partition)
                                               + " is owned by a newer epoch");
}

void finish_op(redis_writer_state& st, const redisReply& reply,
               caf::error outcome) {
  auto op = st.queue.take_op();
  if (op.claim) {
    if (outcome)
      op.claim->deliver(outcome);
    else
      finish_claim(st, reply, *op.claim);
    return;
  }
  if (!outcome)
    outcome = check_fence(st, reply);
  if (!outcome && op.marker)
    st.stored.marker_stored(*op.marker);
  else if (!outcome)
    ++st.edits_written;
  else if (!st.fenced)
    st.failed_since_barrier = op.what;
  if (op.done)
    outcome ? op.done->deliver(outcome) : op.done->deliver(caf::ok_atom_v);
}

} // namespace

caf::error write_pending(redis_writer_state& st, redis_connection& conn) {
  std::vector<redis_writer_state::promise> expired;
  auto plan = st.queue.plan(
    [&conn](const redis_command& command) { conn.append(command); }, st.layout,
    st.partition, st.epoch, steady::now(),
    [&st](day_key day) { return day_expiry(day, st.settings.list_ttl); },
    expired);
  for (auto& waiting : expired)
    waiting.deliver(caf::ok_atom_v);
  auto start = std::chrono::steady_clock::now();
  auto replies = conn.exchange();
  if (!replies)
    return replies.error();
  ++st.round_trips;
  st.last_latency = std::chrono::steady_clock::now() - start;
  st.max_latency = std::max(st.max_latency, st.last_latency);
  // One reply per planned write, and one per board list after its day's
  // list, in the plan's order. A day's write succeeds when all of them do.
  size_t next = 0;
  for (size_t i = 0; i < plan.size(); ++i) {
    const auto& item = plan[i];
    const auto& reply = *(*replies)[next++];
    auto outcome = reply.type == REDIS_REPLY_ERROR ? reply_error(reply)
                                                   : caf::error{};
    if (!outcome && item.is_list)
      outcome = check_fence(st, reply);
    for (size_t b = 0; b < item.board_writes; ++b) {
      const auto& board_reply = *(*replies)[next++];
      if (outcome)
        continue;
      outcome = board_reply.type == REDIS_REPLY_ERROR
                  ? reply_error(board_reply)
                  : check_fence(st, board_reply);
      if (!outcome)
        ++st.board_lists_written;
    }
    if (outcome && st.fenced) {
      // Refused: counted above, not a Redis failure.
    } else if (outcome) {
      // Redis refused the command itself: retrying cannot help.
      ++st.write_errors;
      st.last_error = describe_redis(outcome);
      HOT_LOG_ERROR("redis", (item.is_list ? "list of " + item.day.to_string()
                                           : st.queue.next_op_name())
                               << ": write refused: " << st.last_error);
    }
    if (item.is_list)
      finish_list(st, item.day, outcome, item.expires_at);
    else
      finish_op(st, reply, outcome);
  }
  return caf::none;
}

} // namespace hot
