// The token bucket that paces the generator, and the weighted draw of
// articles.
#include <catch2/catch.hpp>

#include <vector>

#include "app/generator/sim_random.hpp"
#include "app/generator/token_bucket.hpp"
#include "app/generator/weighted_sampler.hpp"

using namespace hot::gen;
using namespace std::chrono_literals;

TEST_CASE("the token bucket allows its rate and says how long to wait") {
  auto t0 = token_bucket::clock::time_point{} + 1h;
  token_bucket bucket{100, 1, t0};
  CHECK(bucket.take(t0) == 0ns);
  auto wait = bucket.take(t0);
  CHECK(wait > 0ns);
  CHECK(wait <= 10ms);
  CHECK(bucket.take(t0 + 10ms) == 0ns);
  SECTION("over a second it hands out the rate, give or take the burst") {
    int taken = 0;
    for (auto t = t0 + 10ms; t < t0 + 1010ms; t += 1ms)
      while (bucket.take(t) == 0ns)
        ++taken;
    CHECK(taken >= 99);
    CHECK(taken <= 101);
  }
}

TEST_CASE("the token bucket saves up at most its burst") {
  auto t0 = token_bucket::clock::time_point{} + 1h;
  token_bucket bucket{1000, 20, t0};
  int taken = 0;
  while (bucket.take(t0 + 10s) == 0ns)
    ++taken;
  CHECK(taken == 20);
}

TEST_CASE("a rate of zero never waits") {
  auto t0 = token_bucket::clock::time_point{};
  token_bucket bucket{0, 1, t0};
  for (int i = 0; i < 1000; ++i)
    REQUIRE(bucket.take(t0) == 0ns);
}

TEST_CASE("the default burst is one token or 20 ms worth of events") {
  CHECK(token_bucket::default_burst(5) == 1);
  CHECK(token_bucket::default_burst(100'000) == 2000);
}

TEST_CASE("the weighted sampler draws slots in proportion to their weight") {
  weighted_sampler sampler{5};
  sampler.set(0, 1);
  sampler.set(2, 3);
  sampler.set(4, 6);
  CHECK(sampler.total() == Approx(10));
  sim_random random{7};
  std::vector<int> hits(5, 0);
  for (int i = 0; i < 100'000; ++i)
    ++hits[sampler.find(random.unit() * sampler.total())];
  CHECK(hits[1] == 0);
  CHECK(hits[3] == 0);
  CHECK(hits[0] == Approx(10'000).epsilon(0.05));
  CHECK(hits[2] == Approx(30'000).epsilon(0.05));
  CHECK(hits[4] == Approx(60'000).epsilon(0.05));
  SECTION("a slot set to zero is never drawn again") {
    sampler.set(4, 0);
    for (int i = 0; i < 10'000; ++i)
      REQUIRE(sampler.find(random.unit() * sampler.total()) != 4);
  }
  SECTION("scaling keeps the odds") {
    sampler.scale(0.5);
    CHECK(sampler.total() == Approx(5));
    CHECK(sampler.find(0.4) == 0);
    CHECK(sampler.find(0.6) == 2);
    CHECK(sampler.find(2.1) == 4);
  }
}
