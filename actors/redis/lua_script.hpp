// A Lua script as Redis caches it: its body and the SHA-1 it is run by.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "actors/redis/redis_connection.hpp"

namespace hot {

/// A script run by EVALSHA, so Redis neither receives nor hashes its body
/// on each call. Every script made is known to the process by its SHA-1:
/// when Redis has lost its script cache (a restart, SCRIPT FLUSH, a
/// failover), `redis_connection` finds the body there and sends it again.
/// Made once per script, e.g. as a function-local static.
class lua_script {
public:
  explicit lua_script(std::string body);

  const std::string& body() const {
    return body_;
  }

  /// 40 lowercase hex digits, as `SCRIPT LOAD` answers.
  const std::string& sha1() const {
    return sha1_;
  }

  /// EVALSHA, the SHA-1 and `key_count`: keys and arguments follow.
  redis_command command(size_t key_count) const;

  /// The body of a script made in this process with `sha1`, or null. The
  /// pointer stays valid until the process ends.
  static const std::string* body_of(std::string_view sha1);

private:
  std::string body_;
  std::string sha1_;
};

} // namespace hot
