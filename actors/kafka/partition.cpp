// The partition actor: pulls one assigned partition's queue.
#include "actors/kafka/partition.hpp"

#include <algorithm>

#include "actors/kafka/kafka_error.hpp"
#include "actors/kafka/partition_steps.hpp"
#include "common/logger.hpp"
#include "messages/by_article.hpp"
#include "messages/internal_record.hpp"
#include "messages/routing.hpp"

namespace hot {

std::string name_of(const partition_state& st) {
  return st.setup->partition.to_string();
}

void schedule_poll(partition_ptr self) {
  auto& st = self->state;
  if (st.poll_scheduled || st.draining)
    return;
  st.poll_scheduled = true;
  self->send(self, poll_atom_v);
}

namespace {

using self_ptr = partition_ptr;

constexpr auto tick_interval = std::chrono::milliseconds{100};
constexpr uint32_t rejections_logged_per_tick = 10;

void set_paused(self_ptr self, bool pause) {
  auto& st = self->state;
  if (st.paused == pause)
    return;
  st.paused = pause;
  if (auto err = st.setup->feed->pause(pause))
    HOT_LOG_WARN("partition", name_of(st) << ": " << describe_kafka(err));
  if (pause)
    ++st.pauses;
}

void settle_drain(self_ptr self) {
  auto& st = self->state;
  if (st.drain_promise && st.tracker.events_in_flight() == 0) {
    st.drain_promise->deliver(committable(st));
    st.drain_promise.reset();
  }
}

void reject(self_ptr self, const raw_message& msg, caf::error reason) {
  auto& st = self->state;
  auto code = decode_errc_of(reason);
  ++st.rejected[code ? static_cast<size_t>(*code) : 0];
  if (st.logged_this_tick < rejections_logged_per_tick) {
    ++st.logged_this_tick;
    HOT_LOG_WARN("partition", "rejected " << name_of(st) << "@" << msg.offset
                                          << ": " << describe(reason));
  } else {
    ++st.unlogged_rejections;
  }
  // Dead-letter hook: the sink gets the message as it arrived.
  if (st.setup->on_rejected) {
    rejected_message out;
    out.partition = st.setup->partition;
    out.offset = msg.offset;
    out.key = msg.key;
    out.value = msg.value;
    out.reason = std::move(reason);
    st.setup->on_rejected(out);
  }
}

void on_applied(self_ptr self, uint64_t seq, uint32_t events,
                const batch_outcome& outcome) {
  auto& st = self->state;
  st.tracker.complete(seq, events);
  st.totals += outcome;
  check_replayed(self);
  if (st.paused
      && st.tracker.events_in_flight() <= st.setup->settings.max_in_flight / 2)
    set_paused(self, false);
  settle_drain(self);
  schedule_poll(self);
}

// Decodes and routes one pull; returns how many messages it took.
size_t pull(self_ptr self) {
  auto& st = self->state;
  const auto& cfg = st.setup->settings;
  auto in_flight = st.tracker.events_in_flight();
  if (in_flight >= cfg.max_in_flight) {
    set_paused(self, true);
    return 0;
  }
  auto want = std::min<size_t>(cfg.batch_size, cfg.max_in_flight - in_flight);
  auto shard_count = static_cast<uint32_t>(st.setup->shards.size());
  std::vector<event_batch> parts(shard_count);
  // Internal partitions take their stream time from watermarks: there the
  // stamps only show progress.
  auto disorder
    = st.sink ? std::chrono::duration_cast<instant::duration>(cfg.max_disorder)
              : instant::duration::zero();
  std::map<partition_ref, instant> marks;
  caf::error copy_failure;
  int64_t last_offset = -1;
  auto got = st.setup->feed->consume(want, [&](const raw_message& msg) {
    if (!msg.error.empty()) {
      ++st.kafka_errors;
      HOT_LOG_WARN("partition", name_of(st) << ": " << msg.error);
      return;
    }
    last_offset = msg.offset;
    st.next_offset = msg.offset + 1;
    ++st.consumed;
    st.bytes += msg.value.size();
    // The stamp measures how far the partition has come, even for a
    // message that turns out to be unreadable.
    auto stamped = instant{std::chrono::milliseconds{msg.timestamp_ms}};
    if (msg.timestamp_ms >= 0) {
      // A source partition vouches for its newest stamp less the disorder
      // it allows: a record stamped a little earlier is not late.
      st.stream_time = std::max(st.stream_time, stamped - disorder);
      st.behind_clock += stamped < st.clock_floor ? 1u : 0u;
    }
    if (!st.sink && msg.key == watermark_key) {
      read_watermark(self, msg.value, marks);
      return;
    }
    auto decoded = st.sink ? st.decoder.decode(msg.value)
                           : decode_internal_record(msg.value, st.decoder);
    if (!decoded) {
      reject(self, msg, std::move(decoded.error()));
      return;
    }
    // Without a stamp (a broker that keeps none), the event's own time.
    auto published = msg.timestamp_ms >= 0 ? stamped : decoded->time();
    if (msg.timestamp_ms < 0)
      st.stream_time = std::max(st.stream_time, published - disorder);
    if (st.sink) {
      encode_internal_record(*decoded, st.record);
      if (st.sink->target().compaction)
        st.held.add(*decoded, st.record, published);
      else if (!copy_failure)
        copy_failure = st.sink->copy(decoded->article, st.record,
                                     published.time_since_epoch().count());
      return;
    }
    auto target = shard_of(decoded->article, shard_count);
    add_to_batch(parts[target], published_event{std::move(*decoded), published},
                 st.task_time);
  });
  if (st.sink && !st.held.empty())
    copy_failure = copy_held(st, std::move(copy_failure));
  if (got == 0)
    return 0;
  if (last_offset < 0)
    return got;
  if (st.sink) {
    close_copies(self, last_offset, copy_failure);
    return got;
  }
  uint32_t used = 0;
  uint32_t events = 0;
  for (const auto& part : parts)
    if (!part.events.empty()) {
      ++used;
      events += static_cast<uint32_t>(part.events.size());
    }
  auto seq = st.tracker.open(last_offset + 1, used, events);
  for (uint32_t i = 0; i < shard_count; ++i) {
    if (parts[i].events.empty())
      continue;
    auto count = static_cast<uint32_t>(parts[i].events.size());
    self->request(st.setup->shards[i], caf::infinite, std::move(parts[i]))
      .then(
        [=](const batch_outcome& outcome) {
          on_applied(self, seq, count, outcome);
        },
        [=](caf::error& err) {
          // A shard is gone: nothing after this batch can be committed.
          HOT_LOG_ERROR("partition", name_of(self->state)
                                       << ": shard " << i
                                       << " failed: " << caf::to_string(err));
          self->quit(err);
        });
  }
  // After the batches: the directory seals only once the shards have seen
  // everything these marks cover.
  for (const auto& [source, at] : marks)
    self->send(st.setup->directory, progress_atom_v, source, at);
  // A pull of watermarks alone completes at once.
  check_replayed(self);
  return got;
}

// A caught-up partition has nothing older to deliver: its stream time may
// follow the wall clock, minus a grace for messages still on their way.
void update_idle_progress(self_ptr self) {
  auto& st = self->state;
  auto where = st.setup->feed->position();
  if (!where)
    return;
  st.high_watermark = where->high;
  bool at_end = st.next_offset >= 0 ? st.next_offset >= where->high
                                    : where->low == where->high;
  // An internal partition's stream time is what its watermarks say. A
  // paused partition fetches nothing, so the end offset librdkafka has
  // cached for it may be stale, and so is the one of a partition whose
  // fetches stall: neither follows the clock.
  if (st.sink && !st.paused && where->fetching && where->locally_empty
      && at_end) {
    st.clock_floor = now_instant() - st.setup->settings.idle_grace;
    st.stream_time = std::max(st.stream_time, st.clock_floor);
  }
  if (!where->locally_empty)
    schedule_poll(self);
}

// Stamps older than the clock-given stream time break the idle grace's
// promise: a day may have been sealed, or a waiting count expired, before
// they arrived.
void warn_behind_clock(self_ptr self) {
  auto& st = self->state;
  auto now = now_instant();
  if (st.behind_clock == st.behind_clock_logged
      || now < st.next_behind_clock_warning)
    return;
  HOT_LOG_WARN("partition",
               name_of(st) << ": " << st.behind_clock - st.behind_clock_logged
                           << " messages stamped before the stream time "
                              "this caught-up partition took from the "
                              "clock; raise kafka.idle-grace above the "
                              "producers' longest delivery delay");
  st.behind_clock_logged = st.behind_clock;
  st.next_behind_clock_warning = now + std::chrono::minutes{1};
}

} // namespace

partition_actor::behavior_type partition(self_ptr self, partition_setup setup) {
  auto& st = self->state;
  st.tracker = offset_tracker{setup.start_offset};
  st.next_offset = setup.start_offset;
  st.committed = setup.committed_offset;
  if (setup.rekey)
    st.sink.emplace(*setup.rekey, caf::actor_cast<partition_actor>(self));
  st.replaying = !setup.rekey && setup.directory;
  st.setup.emplace(std::move(setup));
  check_replayed(self);
  self->send(self, tick_atom_v);
  schedule_poll(self);
  return {
    [=](poll_atom) {
      auto scope = self->state.meter.measure(self);
      self->state.poll_scheduled = false;
      if (self->state.draining)
        return;
      auto want = self->state.setup->settings.batch_size;
      if (pull(self) >= want)
        schedule_poll(self);
    },
    [=](wake_atom) {
      auto scope = self->state.meter.measure(self);
      schedule_poll(self);
    },
    [=](tick_atom) {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      if (s.draining)
        return;
      update_idle_progress(self);
      send_watermarks(self);
      warn_behind_clock(self);
      if (s.unlogged_rejections > 0) {
        HOT_LOG_WARN("partition", name_of(s) << ": " << s.unlogged_rejections
                                             << " more messages rejected");
        s.unlogged_rejections = 0;
      }
      s.logged_this_tick = 0;
      self->delayed_send(self, tick_interval, tick_atom_v);
    },
    [=](delivered_atom, uint64_t seq, uint32_t copies, uint32_t failed) {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      if (failed > 0) {
        // The idempotent producer gave up on them: committing past them
        // would lose events, so the partition stops here.
        HOT_LOG_ERROR("partition", name_of(s)
                                     << ": " << failed << " of " << copies
                                     << " copies were not delivered to the "
                                        "internal topic; stopping");
        self->quit(
          caf::make_error(kafka_errc::produce, "copies not delivered"));
        return;
      }
      s.rekeyed += copies;
      on_applied(self, seq, copies, batch_outcome{});
    },
    [=](caf::get_atom, offset_atom) { return committable(self->state); },
    [=](committed_atom, int64_t offset) {
      auto& s = self->state;
      s.committed = std::max(s.committed, offset);
    },
    [=](drain_atom) -> caf::result<int64_t> {
      auto scope = self->state.meter.measure(self);
      auto& s = self->state;
      s.draining = true;
      auto promise = self->make_response_promise<int64_t>();
      s.drain_promise = promise;
      settle_drain(self);
      return promise;
    },
    [=](stats_atom) -> actor_stats {
      auto scope = self->state.meter.measure(self);
      return partition_report(self);
    },
  };
}

} // namespace hot
