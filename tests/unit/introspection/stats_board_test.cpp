// Rates against the round before, and figures found by the name their
// kind gives them.
#include <catch2/catch.hpp>

#include "actors/introspection/stats_board.hpp"

using namespace hot;

namespace {

actor_stats shard(const char* name, int64_t batches, uint64_t messages) {
  actor_stats a;
  a.name = name;
  a.kind = "shard";
  a.messages = messages;
  shard_figures f;
  f.batches = batches;
  f.outcomes.applied = 10;
  f.outcomes.applied_later = 2;
  a.figures = f;
  return a;
}

const instant start{std::chrono::milliseconds{1764547200000}};

} // namespace

TEST_CASE("a rate is the change since the round before, per second") {
  stats_snapshot before;
  before.taken = start;
  before.actors = {shard("shard 0", 100, 40)};
  stats_snapshot now;
  now.taken = start + std::chrono::seconds{4};
  now.actors = {shard("shard 0", 140, 60), shard("shard 1", 8, 8)};
  follow(before, now);
  CHECK(now.rate(now.actors[0], "batches") == Approx(10.0));
  CHECK(now.rate(now.actors[0], "messages") == Approx(5.0));
  SECTION("an actor new in this round has no rate yet") {
    CHECK(now.rate(now.actors[1], "batches") == 0.0);
  }
  SECTION("a name the kind does not have has none either") {
    CHECK(now.rate(now.actors[0], "lists_written") == 0.0);
  }
  SECTION("the next round measures against this one") {
    stats_snapshot later;
    later.taken = now.taken + std::chrono::seconds{1};
    follow(now, later);
    CHECK(later.previous.size() == 2);
    CHECK(later.previous_taken == now.taken);
  }
}

TEST_CASE("figures are found by the names their kind lists") {
  auto a = shard("shard 0", 7, 1);
  CHECK(named_figure(a, "batches") == 7);
  CHECK(named_figure(a, "applied") == 12);
  CHECK(named_figure(a, "applied_later") == 2);
  CHECK_FALSE(named_figure(a, "consumed"));
  stats_snapshot s;
  s.actors = {a, shard("shard 1", 3, 1)};
  CHECK(s.total<shard_figures>([](const auto& f) { return f.batches; }) == 10);
  CHECK(s.of_kind<shard_figures>().size() == 2);
  CHECK(s.of_kind<writer_figures>().empty());
}
