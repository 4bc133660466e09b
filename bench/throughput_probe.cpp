// What the throughput scenario reads while it runs.
#include "bench/throughput_probe.hpp"

#include <signal.h>

#include <stdexcept>
#include <thread>

#include "bench/process_cpu.hpp"
#include "tests/support/wait.hpp"

namespace hot::bench {

namespace {

using namespace std::chrono_literals;

nlohmann::json admin_view(const test::daemon_run& daemon,
                          const std::string& path) {
  auto answer = daemon.admin(path);
  auto doc = answer.json();
  if (answer.status != 200 || !doc.is_object())
    throw std::runtime_error("throughput: " + path + " answered "
                             + std::to_string(answer.status) + ": "
                             + answer.body.substr(0, 200));
  return doc;
}

int64_t taken_of(const nlohmann::json& view) {
  return view.value("takenEpochMs", int64_t{0});
}

// The stage an actor works for: stage 1 decodes source events and copies
// them to the internal topic, stage 2 ranks them. Redis writers (stage 2)
// run on threads of their own and their handlers mostly wait for Redis, so
// they are kept apart; the Kafka source polls for both stages, the rest is
// bookkeeping.
std::string stage_of(const nlohmann::json& actor) {
  auto kind = actor.value("kind", std::string{});
  if (kind == "partition") {
    auto role = actor["detail"].value("role", std::string{});
    return role == "source" ? "stage1" : "stage2";
  }
  if (kind == "shard" || kind == "directory" || kind == "ranking")
    return "stage2";
  if (kind == "writer")
    return "writer";
  return "shared";
}

} // namespace

throughput_mark next_mark(const test::daemon_run& daemon, int64_t after_ms,
                          pid_t generator, pid_t kafka) {
  nlohmann::json view;
  // Rounds come once a second; polling every 10 ms puts the CPU clocks
  // within about that of the round.
  if (!test::wait_until(
        5s,
        [&] {
          view = admin_view(daemon, "/admin/v1/partitions");
          return taken_of(view) > after_ms;
        },
        10ms))
    throw std::runtime_error("throughput: no statistics round in 5 s");
  throughput_mark out;
  out.daemon_cpu = cpu_seconds(daemon.process->pid());
  out.generator_cpu = cpu_seconds(generator);
  out.kafka_cpu = cpu_seconds(kafka);
  out.daemon_threads = thread_cpu_by_name(daemon.process->pid());
  out.taken_ms = taken_of(view);
  for (const auto& p : view["partitions"]) {
    auto consumed = p.value("consumed", 0.0);
    bool source = p.value("role", std::string{}) == "source";
    (source ? out.source_consumed : out.internal_consumed) += consumed;
    if (source)
      out.source_compacted += p.value("compacted", 0.0);
  }
  return out;
}

void stage_busy::sample(const test::daemon_run& daemon) {
  auto view = admin_view(daemon, "/admin/v1/actors");
  auto taken = taken_of(view);
  if (taken <= last_taken_ms_)
    return;
  // A busy fraction covers the span since the round before; a round missed
  // in between is covered by stretching this one over it.
  auto span = last_taken_ms_ == 0
                ? 0.0
                : static_cast<double>(taken - last_taken_ms_) / 1000.0;
  last_taken_ms_ = taken;
  for (const auto& actor : view["actors"]) {
    auto spent = actor.value("busy", 0.0) * span;
    seconds_[stage_of(actor)] += spent;
    auto kind = actor.value("kind", std::string{});
    if (kind == "partition")
      kind += " " + actor["detail"].value("role", std::string{});
    by_kind_[kind] += spent;
  }
}

generator_throttle::generator_throttle(test::child_process& generator,
                                       kafka_backlog& backlog,
                                       int64_t pause_above,
                                       int64_t resume_below)
  : generator_(generator),
    backlog_(backlog),
    pause_above_(pause_above),
    resume_below_(resume_below) {
}

void generator_throttle::step() {
  int64_t behind = 0;
  for (const auto& at : backlog_.positions()) {
    behind = std::max(behind, at.uncommitted());
  }
  largest_ = std::max(largest_, behind);
  if (!stopped_ && behind > pause_above_) {
    generator_.signal(SIGSTOP);
    stopped_ = true;
    stopped_at_ = steady::now();
    ++pauses_;
  } else if (stopped_ && behind < resume_below_) {
    release();
  }
}

void generator_throttle::release() {
  if (!stopped_)
    return;
  generator_.signal(SIGCONT);
  stopped_ = false;
  paused_ += steady::now() - stopped_at_;
}

std::chrono::duration<double> generator_throttle::paused() const {
  auto out = paused_;
  if (stopped_)
    out += steady::now() - stopped_at_;
  return out;
}

} // namespace hot::bench
