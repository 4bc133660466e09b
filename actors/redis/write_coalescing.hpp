// When the Redis writer writes: after the last of a run of queued
// requests, so that one round trip carries them all, but never much later
// than the first of them.
#pragma once

#include <chrono>
#include <optional>

namespace hot {

/// A writer that sees more requests queued behind the one it handles holds
/// its write, so the last of them writes everything at once. On a busy
/// instance the mailbox may not run dry for a long time (lists, edits,
/// barriers and figure requests arrive faster than one round trip), and
/// waiting for it held writes for up to a second. So a write held for
/// `longest_hold` goes out, queued requests or not.
class write_coalescing {
public:
  using clock = std::chrono::steady_clock;

  explicit write_coalescing(clock::duration longest_hold)
    : longest_hold_(longest_hold) {
  }

  /// Whether to hold the write at `now`, with `more_queued` requests behind
  /// this one. Each `false` starts a new run.
  bool hold(bool more_queued, clock::time_point now) {
    if (more_queued) {
      if (!held_since_)
        held_since_ = now;
      if (now - *held_since_ < longest_hold_)
        return true;
    }
    held_since_.reset();
    return false;
  }

private:
  clock::duration longest_hold_;
  std::optional<clock::time_point> held_since_;
};

} // namespace hot
