// The figures every actor keeps about itself: messages, busy time, mailbox.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>

#include "messages/introspection_messages.hpp"

namespace hot {

/// CAF 0.17 has no telemetry, so each actor measures its own handlers. The
/// mailbox can only be sized from inside the actor, so it is sampled here.
struct actor_meter {
  uint64_t messages = 0;
  uint64_t busy_ns = 0;
  /// The fewest messages waiting at a handler's start since the last
  /// report: a backlog that never drained in between. One sample would
  /// often catch a timer that fired a moment before, and an actor that
  /// blocks (the source in its poll) would show one for ever when its
  /// timers and the collection keep in step.
  uint64_t mailbox_low = no_sample;
  /// Time handlers spent blocked waiting for input (a poll with a timeout),
  /// which is not busy time.
  uint64_t waited_ns = 0;

  /// Counts one handler run and its duration less the time it waited;
  /// samples the mailbox.
  template <class Self>
  class scope {
  public:
    scope(actor_meter& meter, Self* self)
      : meter_(meter),
        start_(std::chrono::steady_clock::now()),
        waited_before_(meter.waited_ns) {
      ++meter_.messages;
      meter_.mailbox_low = std::min<uint64_t>(meter_.mailbox_low,
                                              self->mailbox().size());
    }
    ~scope() {
      auto took = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(
          std::chrono::steady_clock::now() - start_)
          .count());
      auto waited = meter_.waited_ns - waited_before_;
      meter_.busy_ns += took > waited ? took - waited : 0;
    }
    scope(const scope&) = delete;
    scope& operator=(const scope&) = delete;

  private:
    actor_meter& meter_;
    std::chrono::steady_clock::time_point start_;
    uint64_t waited_before_;
  };

  /// Records `d` spent blocked waiting inside the current handler.
  void waited(std::chrono::steady_clock::duration d) {
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
    waited_ns += ns > 0 ? static_cast<uint64_t>(ns) : 0;
  }

  template <class Self>
  scope<Self> measure(Self* self) {
    return scope<Self>{*this, self};
  }

  /// The figures every actor has; starts the next mailbox interval.
  actor_stats report(std::string name, std::string kind) {
    actor_stats out;
    out.name = std::move(name);
    out.kind = std::move(kind);
    out.messages = messages;
    out.busy_ns = busy_ns;
    out.mailbox = mailbox_low == no_sample ? 0 : mailbox_low;
    mailbox_low = no_sample;
    return out;
  }

  static constexpr uint64_t no_sample = UINT64_MAX;
};

} // namespace hot
