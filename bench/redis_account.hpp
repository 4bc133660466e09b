// Redis's own account of what it holds and what it did: INFO's figures,
// and what its keys cost by family.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "actors/redis/redis_connection.hpp"

namespace hot::bench {

/// One look at INFO; two looks make a delta.
struct redis_account {
  /// used_memory: what Redis's allocator holds, keys and overhead.
  int64_t used_memory = 0;
  /// total_commands_processed, commands run by scripts included.
  int64_t commands = 0;
  /// CPU seconds the server used, system and user.
  double cpu_seconds = 0;
  /// Keys of database 0.
  int64_t keys = 0;
  /// Calls by command name (commandstats).
  std::map<std::string, int64_t> calls;
};

/// INFO memory, stats, cpu, commandstats and keyspace; throws when Redis does
/// not answer.
redis_account read_account(redis_connection& conn);

struct family_usage {
  int64_t keys = 0;
  /// MEMORY USAGE with every element counted (SAMPLES 0).
  int64_t bytes = 0;
};

/// Every key (SCAN), by `key_family`; throws when Redis does not answer.
std::map<std::string, family_usage> key_families(redis_connection& conn);

} // namespace hot::bench
