// The writers' shared connections against a real redis-server: how many
// are open, who waits for one, and how a broken one is told to every
// writer.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "actors/redis/connection_pool.hpp"
#include "tests/support/redis_server.hpp"
#include "tests/support/wait.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

// The clients Redis sees, the asking connection included.
int64_t connected_clients(test::redis_server& redis) {
  auto conn = redis.connect();
  auto reply = conn.call({"CLIENT", "LIST"});
  REQUIRE(reply);
  std::string_view text{(*reply)->str, (*reply)->len};
  int64_t lines = 0;
  for (auto c : text)
    lines += c == '\n' ? 1 : 0;
  return lines;
}

} // namespace

TEST_CASE("a pool of one lends its connection again rather than opening more",
          "[integration][redis]") {
  test::redis_server redis;
  auto pool = connection_pool::make(redis.settings());
  for (int i = 0; i < 20; ++i) {
    auto lease = pool->borrow();
    REQUIRE(lease);
    auto reply = (*lease)->call({"PING"});
    REQUIRE(reply);
  }
  CHECK(pool->open_connections() == 1);
  // The pool's connection, and the one counting.
  CHECK(connected_clients(redis) == 2);
  CHECK(pool->losses() == 0);
}

TEST_CASE("a writer waits while every connection is lent",
          "[integration][redis]") {
  test::redis_server redis;
  auto settings = redis.settings();
  settings.writer_connections = 2;
  auto pool = connection_pool::make(settings);
  auto first = pool->borrow();
  auto second = pool->borrow();
  REQUIRE(first);
  REQUIRE(second);
  std::atomic<bool> third_lent{false};
  std::thread waiting{[&] {
    auto third = pool->borrow();
    third_lent = static_cast<bool>(third);
  }};
  // A third borrower must still be waiting: nothing was given back.
  std::this_thread::sleep_for(200ms);
  CHECK_FALSE(third_lent.load());
  { auto given_back = std::move(*second); }
  CHECK(test::wait_until(5s, [&] { return third_lent.load(); }));
  waiting.join();
  CHECK(pool->open_connections() == 2);
}

TEST_CASE("a broken connection is thrown away and counted as a loss",
          "[integration][redis]") {
  test::redis_server redis;
  auto pool = connection_pool::make(redis.settings());
  {
    auto lease = pool->borrow();
    REQUIRE(lease);
    REQUIRE((*lease)->call({"PING"}));
  }
  redis.stop();
  redis.start();
  {
    auto lease = pool->borrow();
    REQUIRE(lease);
    // The idle connection went with the old server.
    CHECK_FALSE((*lease)->call({"PING"}));
    CHECK((*lease)->broken());
  }
  CHECK(pool->losses() == 1);
  CHECK(pool->open_connections() == 0);
  auto lease = pool->borrow();
  REQUIRE(lease);
  CHECK((*lease)->call({"PING"}));
  CHECK(pool->open_connections() == 1);
}

TEST_CASE("a pool whose Redis is away fails the borrow and lends again later",
          "[integration][redis]") {
  test::redis_server redis;
  auto pool = connection_pool::make(redis.settings());
  redis.stop();
  CHECK_FALSE(pool->borrow());
  // The failed attempt gave its place back.
  CHECK_FALSE(pool->borrow());
  redis.start();
  auto lease = pool->borrow();
  REQUIRE(lease);
  CHECK((*lease)->call({"PING"}));
}
