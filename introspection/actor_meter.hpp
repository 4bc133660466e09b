// The figures every actor keeps about itself: messages, busy time, mailbox.
#pragma once

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
  uint64_t mailbox = 0;
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
      meter_.mailbox = self->mailbox().size();
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

  actor_stats report(std::string name, std::string kind) const {
    actor_stats out;
    out.name = std::move(name);
    out.kind = std::move(kind);
    out.messages = messages;
    out.busy_ns = busy_ns;
    out.mailbox = mailbox;
    return out;
  }
};

} // namespace hot
