// A synchronous hiredis connection with RAII, pipelining, scripts run by
// their SHA-1, and the one place hiredis failures become typed errors.
#pragma once

#include <memory>
#include <string>
#include <string_view>
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
  ///
  /// An EVALSHA of a `lua_script` that Redis answers NOSCRIPT (it lost its
  /// script cache: a restart, SCRIPT FLUSH, a failover) is not answered so.
  /// From the first such command on, every queued command is sent again in
  /// its order, each script with its body (EVAL, which caches it too), and
  /// answered by that run: one more round trip. A command after it that had
  /// run (not a script, or one another client loaded meanwhile) runs again
  /// after it, so the pipeline ends as its order says; what is pipelined
  /// with scripts must be safe to run twice, as replacing writes, edits and
  /// fenced writes are. An EVALSHA of a script this process never made is
  /// answered NOSCRIPT.
  caf::expected<std::vector<redis_reply>> exchange();

  /// One command, one round trip; an error reply becomes `redis_reply`.
  caf::expected<redis_reply> call(const redis_command& command);

  bool broken() const {
    return context_ == nullptr || context_->err != 0;
  }

private:
  explicit redis_connection(redisContext* context) : context_(context) {
  }

  // A queued command: where its bytes end in `pipeline_`, and whether it
  // is an EVALSHA that may need its body.
  struct queued {
    size_t end = 0;
    bool script = false;
  };

  caf::expected<std::vector<redis_reply>> send(const std::string& bytes,
                                               size_t replies);
  caf::error send_missing_scripts(std::vector<redis_reply>& replies);
  size_t command_start(size_t i) const;
  std::string_view command_bytes(size_t i) const;

  std::unique_ptr<redisContext, redis_deleter> context_;
  /// The queued commands in the Redis protocol, sent by `exchange`.
  std::string pipeline_;
  std::vector<queued> queued_;
};

/// The error an error reply stands for.
caf::error reply_error(const redisReply& reply);

} // namespace hot
