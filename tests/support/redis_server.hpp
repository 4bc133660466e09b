// A real redis-server on a free loopback port, for the life of a test.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "actors/redis/redis_connection.hpp"
#include "actors/redis/redis_settings.hpp"

namespace hot::test {

/// Starts `redis-server` (no automatic persistence) on a free 127.0.0.1
/// port and waits until it answers PING; stops it on destruction. `stop`
/// kills it (SIGKILL, nothing saved) and `start` brings a server back on
/// the same port: empty, or from the snapshot `save_snapshot` took last.
class redis_server {
public:
  redis_server();
  ~redis_server();

  redis_server(const redis_server&) = delete;
  redis_server& operator=(const redis_server&) = delete;

  uint16_t port() const {
    return port_;
  }

  redis_settings settings() const;

  void start();
  void stop();

  /// SAVE: the next `start` loads what Redis holds now.
  void save_snapshot();
  /// The next `start` is empty again.
  void forget_snapshot();

  /// A fresh connection; fails the test when Redis does not answer.
  redis_connection connect() const;

  /// ZREVRANGE key 0 -1 WITHSCORES as (member, score) pairs.
  std::vector<std::pair<std::string, int64_t>> zset(const std::string& key);
  std::map<std::string, std::string> hash(const std::string& key);
  std::optional<std::string> get(const std::string& key);
  int64_t ttl(const std::string& key);

private:
  uint16_t port_ = 0;
  pid_t pid_ = -1;
  std::filesystem::path dir_;
};

/// A free TCP port on 127.0.0.1 (bound then released), never one this
/// process was given before.
uint16_t free_port();

} // namespace hot::test
