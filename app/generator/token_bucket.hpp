// Paces the generator: a token bucket that says how long to wait, never spins.
#pragma once

#include <chrono>

namespace hot::gen {

/// Refills at `rate` tokens per second up to `burst` tokens. The caller
/// sleeps for the returned wait (serving Kafka callbacks meanwhile), so
/// pacing costs no CPU.
class token_bucket {
public:
  using clock = std::chrono::steady_clock;

  /// `rate` 0 means unlimited: every take succeeds. The bucket starts with
  /// one token, so the first event goes out at once and no burst follows a
  /// start.
  token_bucket(double rate, double burst, clock::time_point start);

  /// Enough slack to wait in whole milliseconds at high rates while keeping
  /// bursts below 20 ms worth of events.
  static double default_burst(double rate);

  /// Takes a token and returns zero, or returns how long until one is
  /// there (and takes nothing).
  clock::duration take(clock::time_point now);

private:
  double rate_;
  double burst_;
  double tokens_;
  clock::time_point last_;
};

} // namespace hot::gen
