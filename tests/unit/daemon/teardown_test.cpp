// The daemon's one stop sequence: newest first, each once.
#include <catch2/catch.hpp>

#include <string>

#include "app/daemon/teardown.hpp"

using hot::teardown;

TEST_CASE("what started last stops first, and each stops once") {
  std::string order;
  {
    teardown stops;
    stops.push([&] { order += "http "; });
    stops.push([&] { order += "admin "; });
    stops.push([&] { order += "pipeline "; });
    stops.run();
    CHECK(order == "pipeline admin http ");
    stops.run();
    CHECK(order == "pipeline admin http ");
  }
  // Nothing left for the destructor.
  CHECK(order == "pipeline admin http ");
}

TEST_CASE("an early return stops what had started, in reverse") {
  std::string order;
  auto start = [&](bool admin_fails) {
    teardown stops;
    stops.push([&] { order += "http "; });
    if (admin_fails)
      return 1;
    stops.push([&] { order += "admin "; });
    return 0;
  };
  CHECK(start(true) == 1);
  CHECK(order == "http ");
  order.clear();
  CHECK(start(false) == 0);
  CHECK(order == "admin http ");
}
