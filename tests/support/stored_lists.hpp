// Reading the day lists back from Redis and comparing them with the oracle.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tests/support/ranking_oracle.hpp"
#include "tests/support/redis_server.hpp"

namespace hot::test {

/// The ZSET at `key` with the titles in the meta HASH at `meta`, in
/// ranking order.
std::vector<oracle_entry> stored_entries(redis_server& redis,
                                         const std::string& key,
                                         const std::string& meta);

/// The same with the titles of `day`.
std::vector<oracle_entry> stored_entries(redis_server& redis,
                                         const std::string& key, day_key day);

/// How a day's stored reserve is compared. The oracle keeps one reserve,
/// cut at the seal and shrinking as deletes refill the list. The stored one
/// is merged from the internal partitions' partial lists, each holding
/// `list-size + reserve-size` of its own articles: it begins with the
/// oracle's reserve and may go on with articles the oracle cut off.
enum class reserve_check {
  none,
  /// The stored reserve begins with the whole expected one.
  exact,
  /// A delete published after a day's seal instant may be applied before
  /// the seal (the list is refilled from the shards) or after it (refilled
  /// from the partition's partial). The list is the same either way; the
  /// reserves agree on all but the last `slack` entries of the expected one.
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
