// Failures of Redis and of hiredis as typed errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <caf/error.hpp>
#include <caf/make_message.hpp>

namespace hot {

enum class redis_errc : uint8_t {
  connect = 1,   // no connection to Redis
  io,            // the connection broke during a command
  reply,         // Redis answered with an error, or with an unexpected shape
  fenced,        // a newer owner of the partition holds its epoch
  claim_expired, // a claim was not run before its deadline
};

/// "redis_connect", "redis_io", ...: the names logs and /health show.
std::string_view to_string(redis_errc x);

/// "redis_io: Connection refused" for Redis errors; CAF's rendering for
/// any other.
std::string describe_redis(const caf::error& err);

} // namespace hot

CAF_ERROR_CODE_ENUM(hot::redis_errc, "redis")
