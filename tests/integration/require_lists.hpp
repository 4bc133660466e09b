// The integration tests' check of Redis against the oracle, for tests on
// the kafka_pipeline fixture.
#pragma once

#include <catch2/catch.hpp>

// Fails with the first difference between Redis and the expected lists.
#define REQUIRE_LISTS(...)                                                     \
  do {                                                                         \
    if (!wait_for_lists(__VA_ARGS__))                                          \
      FAIL(last_mismatch());                                                   \
  } while (false)
