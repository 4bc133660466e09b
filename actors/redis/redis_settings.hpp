// Where Redis is and how long to wait for it; documented defaults.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "messages/day_key.hpp"

namespace hot {

using namespace std::chrono_literals;

struct redis_settings {
  std::string host = "127.0.0.1";
  uint16_t port = 6379;
  std::string password;
  uint32_t database = 0;
  std::chrono::milliseconds list_ttl = std::chrono::hours{24 * 10};
  std::chrono::milliseconds connect_timeout = 2s;
  std::chrono::milliseconds command_timeout = 5s;
  std::chrono::milliseconds retry_min = 100ms;
  std::chrono::milliseconds retry_max = 5s;
  /// Connections the writers of all owned partitions share: Redis runs one
  /// command at a time, so more only help when the network is slow.
  uint32_t writer_connections = 1;
  /// Not configured: the first day this deployment ranked, as found or
  /// marked at start. The writers mark it again after Redis lost it.
  day_key tracked_since;
};

} // namespace hot
