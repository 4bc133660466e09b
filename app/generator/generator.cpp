// The event generator: realistic board traffic, produced to Kafka.
#include "app/generator/generator.hpp"

#include <algorithm>
#include <cmath>

#include "app/generator/board_simulator.hpp"
#include "app/generator/event_producer.hpp"
#include "app/generator/gen_error.hpp"
#include "app/generator/token_bucket.hpp"
#include "common/logger.hpp"
#include "messages/day_calendar.hpp"

namespace hot::gen {

namespace {

using std::chrono::milliseconds;
using steady = std::chrono::steady_clock;

/// Serving reports now and then keeps librdkafka's report queue short
/// without paying a poll per message.
constexpr uint64_t poll_every = 256;

/// The longest wait between checks of `stop`.
constexpr milliseconds max_wait{100};

/// How long to serve delivery reports when librdkafka's queue is full:
/// reports are what free room in it.
constexpr milliseconds queue_full_wait{10};

/// The event in hand, kept until librdkafka takes it.
struct outgoing_message {
  bool pending = false;
  event_type type = event_type::article_created;
  topic_kind topic = topic_kind::article;
  std::string key;
  std::string value;
  instant time;
};

caf::error invalid(std::string detail) {
  return make_gen_error(gen_errc::invalid_option, std::move(detail));
}

/// Tracks the counters and the rate window between progress reports.
class run_counters {
public:
  explicit run_counters(steady::time_point start)
    : start_(start), window_start_(start) {
  }

  void produced(event_type type) {
    ++progress_.produced;
    ++progress_.by_type[static_cast<size_t>(type)];
  }

  uint64_t produced() const {
    return progress_.produced;
  }

  /// A snapshot; `whole_run` selects the rate over the run instead of the
  /// one since the previous snapshot.
  generator_progress snapshot(const event_producer& producer,
                              const board_simulator& simulator,
                              steady::time_point now, bool whole_run) {
    auto out = progress_;
    out.delivered = producer.log().delivered();
    out.failed = producer.log().failed();
    if (whole_run)
      out.failed += producer.unreported();
    out.articles = simulator.articles_created();
    out.live_articles = simulator.live_articles();
    out.elapsed = std::chrono::duration_cast<milliseconds>(now - start_);
    auto from = whole_run ? start_ : window_start_;
    auto base = whole_run ? 0 : window_produced_;
    std::chrono::duration<double> span = now - from;
    if (span.count() > 0)
      out.rate_per_s = static_cast<double>(out.produced - base) / span.count();
    window_start_ = now;
    window_produced_ = out.produced;
    return out;
  }

private:
  generator_progress progress_;
  steady::time_point start_;
  steady::time_point window_start_;
  uint64_t window_produced_ = 0;
};

} // namespace

caf::error validate_options(const generator_options& options) {
  if (options.brokers.empty())
    return invalid("brokers: a bootstrap.servers list is required");
  if (!std::isfinite(options.rate) || options.rate < 0)
    return invalid("rate: expected events per second >= 0 (0 = unlimited)");
  if (options.duration.count() < 0)
    return invalid("duration: expected a length >= 0 (0 = no limit)");
  if (options.progress_interval.count() < 0)
    return invalid("progress-interval: expected a length >= 0 (0 = off)");
  if (options.flush_timeout.count() < 0)
    return invalid("flush-timeout: expected a length >= 0");
  if (options.boards == 0)
    return invalid("boards: expected at least 1 board");
  if (options.node_id > snowflake_generator::max_node_id)
    return invalid("node-id: expected 0..1023 (10 bits)");
  for (const auto* topic : {&options.article_topic, &options.comment_topic,
                            &options.like_topic, &options.view_topic})
    if (topic->empty())
      return invalid("topics: a topic name must not be empty");
  return caf::none;
}

caf::expected<generator_progress> run_generator(
  const generator_options& options, const std::atomic<bool>& stop,
  const std::function<void(const generator_progress&)>& on_progress) {
  if (auto err = validate_options(options))
    return err;
  auto calendar = day_calendar::make(options.timezone, milliseconds{0});
  if (!calendar)
    return invalid("timezone: unknown time zone '" + options.timezone + "'");
  auto producer = event_producer::open(options);
  if (!producer)
    return producer.error();
  simulator_options sim;
  sim.seed = options.seed;
  sim.boards = options.boards;
  sim.node_id = options.node_id;
  board_simulator simulator{sim, std::move(*calendar)};
  auto start = steady::now();
  run_counters counters{start};
  token_bucket bucket{options.rate, token_bucket::default_burst(options.rate),
                      start};
  auto interval = options.progress_interval;
  auto report = on_progress && interval.count() > 0;
  auto next_report = start + interval;
  auto deadline = options.duration.count() > 0 ? start + options.duration
                                               : steady::time_point::max();
  caf::error failure;
  outgoing_message out;
  uint64_t since_poll = 0;
  while (!stop.load(std::memory_order_relaxed)) {
    if (options.count > 0 && counters.produced() >= options.count)
      break;
    auto now = steady::now();
    if (now >= deadline)
      break;
    if (producer->log().has_problem()) {
      failure = producer->log().problem();
      break;
    }
    if (report && now >= next_report) {
      on_progress(counters.snapshot(*producer, simulator, now, false));
      next_report += interval;
      // After a long stall, report once rather than once per missed tick.
      if (next_report <= now)
        next_report = now + interval;
    }
    if (!out.pending) {
      if (auto wait = bucket.take(now); wait > steady::duration::zero()) {
        auto until = std::min({now + wait, now + max_wait, deadline,
                               report ? next_report : deadline});
        // Round up: a 0 ms poll in a loop would spin.
        auto ms = std::chrono::ceil<milliseconds>(until - now);
        producer->poll(std::max(ms, milliseconds{1}));
        continue;
      }
      auto wall = std::chrono::time_point_cast<milliseconds>(
        std::chrono::system_clock::now());
      const auto& next = simulator.next(wall);
      out.type = next.ev.type;
      out.topic = topic_of(next.ev.type);
      out.key = message_key_of(next.ev);
      out.value.clear();
      encode_event(next.ev, options.dates, next.extras(), out.value);
      out.time = next.ev.time();
      out.pending = true;
    }
    auto sent = producer->send(out.topic, out.key, out.value, out.time);
    if (!sent) {
      failure = std::move(sent.error());
      break;
    }
    if (*sent == event_producer::send_result::queue_full) {
      producer->poll(queue_full_wait);
      continue;
    }
    out.pending = false;
    counters.produced(out.type);
    if (++since_poll >= poll_every) {
      producer->poll(milliseconds{0});
      since_poll = 0;
    }
  }
  // After an interrupt someone is watching the clock: say why it takes.
  if (auto waiting = producer->unreported();
      waiting > 0 && stop.load(std::memory_order_relaxed))
    HOT_LOG_INFO("generator", "flushing: waiting up to "
                                << options.flush_timeout.count() << " ms for "
                                << waiting << " delivery reports");
  producer->drain(options.flush_timeout);
  auto finished = producer->finish();
  if (failure)
    return failure;
  if (finished)
    return finished;
  return counters.snapshot(*producer, simulator, steady::now(), true);
}

} // namespace hot::gen
