// Reading the day lists back from Redis and comparing them with the oracle.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tests/support/ranking_oracle.hpp"
#include "tests/support/redis_server.hpp"

namespace hot::test {

/// The ZSET at `key` with the titles of `day`, in ranking order.
std::vector<oracle_entry> stored_entries(redis_server& redis,
                                         const std::string& key, day_key day);

/// How a day's stored reserve is compared.
enum class reserve_check {
  none,
  exact,
  /// A delete published after a day's seal instant may be applied before
  /// the seal (the list is refilled from the shards) or after it (refilled
  /// from the reserve, which then holds one entry fewer). The list is the
  /// same either way; the reserve is an ordered prefix of the expected one,
  /// short by at most `slack` entries for the day.
  prefix,
};

/// Empty when Redis holds `expected` for every day of `days`; otherwise the
/// first difference.
std::string list_mismatch(redis_server& redis,
                          const std::map<day_key, oracle_day>& expected,
                          const std::vector<day_key>& days,
                          reserve_check reserves,
                          const std::map<day_key, size_t>& slack = {});

} // namespace hot::test
