// The simulator's random source: the same draws for the same seed everywhere.
#pragma once

#include <cstdint>
#include <random>

namespace hot::gen {

/// mt19937_64 is specified bit for bit by the standard, but the standard
/// distributions are not; these helpers are, so a seed replays the same
/// board traffic with any standard library.
class sim_random {
public:
  explicit sim_random(uint64_t seed) : engine_(seed) {
  }

  uint64_t bits() {
    return engine_();
  }

  /// Uniform in [0, 1).
  double unit() {
    return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
  }

  /// Uniform in [0, n); `n` must be positive. The modulo bias is below
  /// 2^-40 for the small ranges used here.
  uint64_t below(uint64_t n) {
    return engine_() % n;
  }

  /// Uniform in [lo, hi].
  int64_t between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }

  bool chance(double p) {
    return unit() < p;
  }

private:
  std::mt19937_64 engine_;
};

} // namespace hot::gen
