// The lease fence against a real Redis: an unknown lease holds the writer's
// writes and barriers without dropping anything; the keeper opens the fence
// again by renewing, or by taking back a key Redis lost, and closes it for
// good when another instance holds the key.
#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include "actors/io/list_store.hpp"
#include "actors/lease_keeper.hpp"
#include "actors/redis_writer.hpp"
#include "tests/support/pipeline_probe.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

ranked_article entry(int64_t id, int64_t score) {
  ranked_article a;
  a.id = article_id{id};
  a.score = score;
  a.title = "t" + std::to_string(id);
  parse_iso_local_datetime("2025-05-25T02:36:02.746755", a.created_at);
  a.title_version = event_id{1};
  return a;
}

int64_t writer_figure(caf::scoped_actor& self, const redis_writer_actor& writer,
                      const std::string& name) {
  int64_t out = -1;
  self->request(writer, 5s, stats_atom_v)
    .receive(
      [&](std::vector<actor_stats>& stats) {
        out = test::figure(stats.front(), name);
      },
      [&](caf::error& err) { FAIL(caf::to_string(err)); });
  return out;
}

} // namespace

TEST_CASE("the lease fence is open for its margin past each confirmation",
          "[integration][lease]") {
  using clock = lease_fence::clock;
  lease_fence none;
  CHECK(none.writable());
  lease_fence fence{5s};
  auto now = clock::now();
  CHECK_FALSE(fence.writable(now));
  CHECK(fence.confirmed_ago(now) < 0ms);
  fence.confirm(now);
  CHECK(fence.writable(now + 4900ms));
  CHECK_FALSE(fence.writable(now + 5s));
  // An older confirmation never shortens it.
  fence.confirm(now - 3s);
  CHECK(fence.writable(now + 4900ms));
  fence.close();
  CHECK_FALSE(fence.writable(now));
}

TEST_CASE("the writer holds every write and barrier while the lease is "
          "unknown, and writes them once it is confirmed",
          "[integration][lease]") {
  test::redis_server redis;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  auto fence = std::make_shared<lease_fence>(10s);
  auto writer
    = sys.spawn<caf::detached>(redis_writer, redis.settings(), 3u,
                               std::shared_ptr<const lease_fence>{fence});
  auto day = *day_key::parse("20250525");

  // Plain sends: the writer answers each to this actor's mailbox.
  self->send(writer, list_snapshot{day, {entry(1, 9)}});
  self->send(writer, barrier_atom_v);
  // Never confirmed: nothing may reach Redis or be answered as stored.
  REQUIRE(test::wait_until(5s, [&] {
    return writer_figure(self, writer, "held_for_lease") == 1;
  }));
  bool answered = false;
  self->receive([&](caf::ok_atom) { answered = true; },
                caf::after(1s) >> [] {});
  CHECK_FALSE(answered);
  CHECK(redis.zset(list_key(day)).empty());
  CHECK(writer_figure(self, writer, "pending_lists") == 1);

  fence->confirm(lease_fence::clock::now());
  int answers = 0;
  for (int i = 0; i < 2; ++i)
    self->receive([&](caf::ok_atom) { ++answers; }, caf::after(5s) >> [] {});
  CHECK(answers == 2);
  CHECK(redis.zset(list_key(day)).size() == 1);
  CHECK(writer_figure(self, writer, "held_for_lease") == 0);
  CHECK(writer_figure(self, writer, "lease_holds") == 1);
  self->send_exit(writer, caf::exit_reason::user_shutdown);
}

TEST_CASE("the keeper holds writes through a Redis outage, takes back the "
          "key Redis lost and ends at another holder",
          "[integration][lease]") {
  test::redis_server redis;
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  lease_settings settings{true, 1s, 100ms};
  auto status = std::make_shared<lease_status>();
  auto fence = std::make_shared<lease_fence>(settings.ttl / 2);
  auto keeper = sys.spawn<caf::detached>(
    lease_keeper, settings, redis.settings(), "fence", status, fence);
  auto key = lease_key("fence");
  REQUIRE(test::wait_until(5s, [&] { return fence->writable(); }));
  auto ours = redis.get(key);
  REQUIRE(ours);

  // Unknown: the fence closes by itself, the process would stay up.
  redis.stop();
  REQUIRE(test::wait_until(5s, [&] { return !fence->writable(); }));
  CHECK(status->held);
  CHECK_FALSE(status->lost);

  // Back, empty: the same id takes the key again.
  redis.start();
  REQUIRE(test::wait_until(5s, [&] { return fence->writable(); }));
  CHECK(redis.get(key) == ours);
  CHECK_FALSE(status->lost);

  // Another instance's id: a definite loss, closed for good.
  auto conn = redis.connect();
  REQUIRE(conn.call({"SET", key, "another-instance", "PX", "60000"}));
  REQUIRE(test::wait_until(5s, [&] { return status->lost.load(); }));
  CHECK_FALSE(fence->writable());
  CHECK(fence->closed());
  caf::anon_send_exit(keeper, caf::exit_reason::user_shutdown);
}
