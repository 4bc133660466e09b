// The partition actor: pulls one assigned partition's queue.
#include "actors/kafka/partition.hpp"

#include <algorithm>

#include "actors/kafka/kafka_error.hpp"
#include "common/logger.hpp"
#include "messages/by_article.hpp"
#include "messages/routing.hpp"

namespace hot {

namespace {

using self_ptr = partition_actor::stateful_pointer<partition_state>;

constexpr auto tick_interval = std::chrono::milliseconds{100};
constexpr uint32_t rejections_logged_per_tick = 10;

std::string name_of(const partition_state& st) {
  return st.setup->partition.to_string();
}

void schedule_poll(self_ptr self) {
  auto& st = self->state;
  if (st.poll_scheduled || st.draining)
    return;
  st.poll_scheduled = true;
  self->send(self, poll_atom_v);
}

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

// What may be committed. A replaying task has stored nothing yet, so its
// partition offers only what is committed already.
int64_t committable(const partition_state& st) {
  return st.replaying ? st.committed : st.tracker.frontier();
}

// The replay ends once every event before the end offset found at
// assignment is applied: the task then publishes what it rebuilt.
void check_replayed(self_ptr self) {
  auto& st = self->state;
  if (!st.replaying || st.tracker.frontier() < st.setup->replay_end)
    return;
  st.replaying = false;
  self->send(st.setup->directory, publish_atom_v);
  HOT_LOG_INFO("partition", name_of(st) << ": replayed up to offset "
                                        << st.setup->replay_end);
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

// An internal partition's watermark record: the newest per source
// partition is reported once the pull's batches are on their way.
void read_watermark(self_ptr self, std::string_view value,
                    std::map<partition_ref, instant>& marks) {
  auto& st = self->state;
  auto mark = decode_watermark(value);
  if (!mark) {
    ++st.bad_watermarks;
    HOT_LOG_WARN("partition", name_of(st) << ": malformed watermark record '"
                                          << value << "'");
    return;
  }
  ++st.watermarks_read;
  auto& newest = st.source_marks[mark->source];
  if (mark->stream_time > newest || newest == instant{}) {
    newest = mark->stream_time;
    marks[mark->source] = mark->stream_time;
  }
}

// A source partition's copies are in the producer's hands; their delivery
// reports return the credits. A copy that could not be produced stops the
// partition: nothing at or after it may be committed.
void close_copies(self_ptr self, int64_t last_offset,
                  const caf::error& failure) {
  auto& st = self->state;
  auto copies = st.sink->pending();
  auto seq = st.tracker.open(last_offset + 1, copies > 0 ? 1u : 0u, copies);
  st.unacknowledged.emplace_back(last_offset + 1, st.stream_time);
  st.sink->finish(seq);
  if (failure) {
    HOT_LOG_ERROR("partition", name_of(st)
                                 << ": cannot copy to the internal topic: "
                                 << describe_kafka(failure));
    self->quit(failure);
  }
}

// A compacting source partition copies the pull's events once it has read
// them all: only then is the newest count of each group known.
caf::error copy_held(partition_state& st, caf::error failure) {
  st.compacted += st.held.flush(
    *st.sink->target().compaction,
    [&](article_id article, std::string_view value, instant published) {
      if (!failure)
        failure = st.sink->copy(article, value,
                                published.time_since_epoch().count());
    });
  return failure;
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
    auto decoded = st.decoder.decode(msg.value);
    if (!decoded) {
      reject(self, msg, std::move(decoded.error()));
      return;
    }
    // Without a stamp (a broker that keeps none), the event's own time.
    auto published = msg.timestamp_ms >= 0 ? stamped : decoded->time();
    if (msg.timestamp_ms < 0)
      st.stream_time = std::max(st.stream_time, published - disorder);
    if (st.sink) {
      if (st.sink->target().compaction)
        st.held.add(*decoded, msg.value, published);
      else if (!copy_failure)
        copy_failure = st.sink->copy(decoded->article, msg.value,
                                     published.time_since_epoch().count());
      return;
    }
    auto target = shard_of(decoded->article, shard_count);
    parts[target].events.push_back(
      published_event{std::move(*decoded), published});
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
  // cached for it may be stale: it does not follow the clock.
  if (st.sink && !st.paused && where->locally_empty && at_end) {
    st.clock_floor = now_instant() - st.setup->settings.idle_grace;
    st.stream_time = std::max(st.stream_time, st.clock_floor);
  }
  if (!where->locally_empty)
    schedule_poll(self);
}

// The stream time every acknowledged copy covers: with nothing in
// flight, the partition's own (the clock may have moved it while idle).
instant acknowledged_stream_time(partition_state& st) {
  auto& pending = st.unacknowledged;
  while (!pending.empty() && st.tracker.frontier() >= pending.front().first) {
    st.acknowledged_time = std::max(st.acknowledged_time,
                                    pending.front().second);
    pending.pop_front();
  }
  if (pending.empty())
    st.acknowledged_time = std::max(st.acknowledged_time, st.stream_time);
  return st.acknowledged_time;
}

// A source partition's stream time reaches every internal partition at
// each interval, changed or not: a ranking task that just started reading
// at the end of its partition learns it from the next round. Only as far
// as its copies are acknowledged: a watermark and the copies before it go
// to different internal partitions, so the watermark could land while a
// copy before it fails.
void send_watermarks(self_ptr self) {
  auto& st = self->state;
  if (!st.sink)
    return;
  auto mark = acknowledged_stream_time(st);
  if (mark == instant::min())
    return;
  auto now = now_instant();
  if (now < st.next_watermark)
    return;
  st.next_watermark = now + st.sink->target().watermark_interval;
  if (auto err
      = st.sink->send_watermark(source_watermark{st.setup->partition, mark})) {
    HOT_LOG_ERROR("partition", name_of(st) << ": cannot send its watermark: "
                                           << describe_kafka(err));
    self->quit(err);
    return;
  }
  st.reported = mark;
  ++st.watermarks_sent;
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

int64_t lag_of(const partition_state& st) {
  if (st.high_watermark < 0 || st.next_offset < 0)
    return 0;
  return std::max<int64_t>(0, st.high_watermark - st.next_offset);
}

actor_stats report(self_ptr self) {
  auto& st = self->state;
  auto out = st.meter.report("partition " + name_of(st), "partition");
  auto i64 = [](auto x) { return static_cast<int64_t>(x); };
  partition_figures f;
  f.topic = st.setup->partition.topic;
  f.partition = st.setup->partition.partition;
  f.source = st.sink.has_value();
  for (size_t i = 0; i < st.rejected.size(); ++i)
    f.rejected_by[i] = i64(st.rejected[i]);
  f.consumed = i64(st.consumed);
  f.bytes = i64(st.bytes);
  f.kafka_errors = i64(st.kafka_errors);
  f.outcomes = st.totals;
  f.behind_clock = i64(st.behind_clock);
  f.in_flight = i64(st.tracker.events_in_flight());
  f.paused = st.paused;
  f.pauses = i64(st.pauses);
  f.position = st.next_offset;
  f.committable = committable(st);
  if (st.replaying)
    f.replay_left = std::max<int64_t>(
      0, st.setup->replay_end - std::max<int64_t>(st.tracker.frontier(), 0));
  f.committed = st.committed;
  f.high_watermark = st.high_watermark;
  f.lag = lag_of(st);
  f.rekeyed = i64(st.rekeyed);
  f.compacted = i64(st.compacted);
  f.watermarks_sent = i64(st.watermarks_sent);
  f.watermarks_read = i64(st.watermarks_read);
  f.bad_watermarks = i64(st.bad_watermarks);
  if (st.sink && st.reported != instant::max())
    f.watermark_ms = st.reported.time_since_epoch().count();
  out.figures = std::move(f);
  return out;
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
      return report(self);
    },
  };
}

} // namespace hot
