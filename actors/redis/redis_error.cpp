// Failures of Redis and of hiredis as typed errors.
#include "actors/redis/redis_error.hpp"

#include <caf/atom.hpp>

#include "messages/error_text.hpp"

namespace hot {

std::string_view to_string(redis_errc x) {
  switch (x) {
    case redis_errc::connect:
      return "redis_connect";
    case redis_errc::io:
      return "redis_io";
    case redis_errc::reply:
      return "redis_reply";
    case redis_errc::fenced:
      return "fenced";
    case redis_errc::claim_expired:
      return "claim_expired";
  }
  return "redis_unknown";
}

std::string describe_redis(const caf::error& err) {
  if (err.category() != caf::atom("redis"))
    return caf::to_string(err);
  return named_error_text(to_string(static_cast<redis_errc>(err.code())), err);
}

} // namespace hot
