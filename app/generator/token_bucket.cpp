// Paces the generator: a token bucket that says how long to wait, never spins.
#include "app/generator/token_bucket.hpp"

#include <algorithm>

namespace hot::gen {

token_bucket::token_bucket(double rate, double burst, clock::time_point start)
  : rate_(rate),
    burst_(std::max(burst, 1.0)),
    tokens_(std::min(1.0, burst_)),
    last_(start) {
}

double token_bucket::default_burst(double rate) {
  return std::max(1.0, rate / 50);
}

token_bucket::clock::duration token_bucket::take(clock::time_point now) {
  if (rate_ <= 0)
    return clock::duration::zero();
  if (now > last_) {
    std::chrono::duration<double> elapsed = now - last_;
    tokens_ = std::min(burst_, tokens_ + elapsed.count() * rate_);
    last_ = now;
  }
  // Refills add up in floating point: 10 × 0.1 must count as a token.
  if (tokens_ >= 1 - 1e-9) {
    tokens_ -= 1;
    return clock::duration::zero();
  }
  std::chrono::duration<double> missing{(1 - tokens_) / rate_};
  return std::max(clock::duration{1},
                  std::chrono::ceil<clock::duration>(missing));
}

} // namespace hot::gen
