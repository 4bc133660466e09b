// A synchronous hiredis connection with RAII, pipelining, and the one place
// hiredis failures become typed errors.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <caf/expected.hpp>
#include <hiredis/hiredis.h>

#include "actors/redis/redis_error.hpp"
#include "actors/redis/redis_settings.hpp"

namespace hot {

struct redis_deleter {
  void operator()(redisContext* x) const {
    redisFree(x);
  }
  void operator()(redisReply* x) const {
    freeReplyObject(x);
  }
};

using redis_reply = std::unique_ptr<redisReply, redis_deleter>;

/// One command's words, e.g. {"ZADD", "key", "3", "42"}.
using redis_command = std::vector<std::string>;

/// A connection to one Redis server. Not thread-safe; after an I/O error
/// it is `broken()` and must be replaced (hiredis contexts do not recover).
class redis_connection {
public:
  /// Connects with the configured timeouts, then AUTH and SELECT if set.
  static caf::expected<redis_connection> open(const redis_settings& settings);

  /// Queues a command locally; `exchange` sends everything queued.
  void append(const redis_command& command);

  /// Sends the queued commands and reads their replies, in order. A reply
  /// of type REDIS_REPLY_ERROR is returned, not turned into an error: only
  /// a broken connection is.
  caf::expected<std::vector<redis_reply>> exchange();

  /// One command, one round trip; an error reply becomes `redis_reply`.
  caf::expected<redis_reply> call(const redis_command& command);

  bool broken() const {
    return context_ == nullptr || context_->err != 0;
  }

private:
  explicit redis_connection(redisContext* context) : context_(context) {
  }

  std::unique_ptr<redisContext, redis_deleter> context_;
  size_t queued_ = 0;
};

/// The error an error reply stands for.
caf::error reply_error(const redisReply& reply);

} // namespace hot
