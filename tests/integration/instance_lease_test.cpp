// The instance lease against a real Redis: one holder at a time, renewed
// and released only by its holder, never taken back once lost.
#include <catch2/catch.hpp>

#include "actors/io/instance_lease.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace std::chrono_literals;

TEST_CASE("the instance lease has one holder, which alone renews and "
          "releases it",
          "[integration][lease]") {
  test::redis_server redis;
  auto conn = redis.connect();
  auto key = lease_key("group");
  CHECK(key == "hot-article::lease::group");
  instance_lease a{key, "a", 10s};
  instance_lease b{key, "b", 10s};

  auto taken = a.acquire(conn);
  REQUIRE(taken);
  CHECK(taken->held);
  CHECK(taken->holder == "a");
  auto refused = b.acquire(conn);
  REQUIRE(refused);
  CHECK_FALSE(refused->held);
  CHECK(refused->holder == "a");
  CHECK(refused->remaining > 9s);
  CHECK(refused->remaining <= 10s);

  // Only the holder renews or releases.
  auto foreign = b.renew(conn);
  REQUIRE(foreign);
  CHECK_FALSE(foreign->held);
  CHECK(b.release(conn) == false);
  CHECK(redis.get(key) == "a");
  auto renewed = a.renew(conn);
  REQUIRE(renewed);
  CHECK(renewed->held);

  CHECK(a.release(conn) == true);
  CHECK_FALSE(redis.get(key));
  auto next = b.acquire(conn);
  REQUIRE(next);
  CHECK(next->held);
  // The old holder finds it gone to another and does not take it back.
  auto lost = a.renew(conn);
  REQUIRE(lost);
  CHECK_FALSE(lost->held);
  CHECK(lost->holder == "b");
}

TEST_CASE("an expired lease is free for another instance and lost for its "
          "holder",
          "[integration][lease]") {
  test::redis_server redis;
  auto conn = redis.connect();
  auto key = lease_key("expiring");
  instance_lease a{key, "a", 200ms};
  instance_lease b{key, "b", 200ms};
  REQUIRE(a.acquire(conn)->held);
  REQUIRE(test::wait_until(5s, [&] { return !redis.get(key); }));
  // Expired and nobody took it: still not renewable by the old holder.
  auto gone = a.renew(conn);
  REQUIRE(gone);
  CHECK_FALSE(gone->held);
  CHECK(gone->holder.empty());
  CHECK(b.acquire(conn)->held);
  CHECK(redis.get(key) == "b");
  CHECK(make_instance_id() != make_instance_id());
}
