// A synchronous hiredis connection with RAII, pipelining, and the one place
// hiredis failures become typed errors.
#include "actors/redis/redis_connection.hpp"

#include <sys/time.h>

namespace hot {

namespace {

timeval to_timeval(std::chrono::milliseconds d) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(d.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((d.count() % 1000) * 1000);
  return tv;
}

caf::error context_error(const redisContext& context, redis_errc code) {
  return caf::make_error(code, std::string{context.errstr});
}

} // namespace

caf::error reply_error(const redisReply& reply) {
  return caf::make_error(redis_errc::reply, std::string{reply.str, reply.len});
}

caf::expected<redis_connection>
redis_connection::open(const redis_settings& settings) {
  auto* context = redisConnectWithTimeout(settings.host.c_str(), settings.port,
                                          to_timeval(settings.connect_timeout));
  if (context == nullptr)
    return caf::make_error(redis_errc::connect,
                           "cannot allocate a redis context");
  redis_connection conn{context};
  // Without the address: whoever logs this names it once, in its own words.
  if (context->err != 0)
    return caf::make_error(redis_errc::connect, std::string{context->errstr});
  if (redisSetTimeout(context, to_timeval(settings.command_timeout))
      != REDIS_OK)
    return context_error(*context, redis_errc::connect);
  if (!settings.password.empty()) {
    if (auto reply = conn.call({"AUTH", settings.password}); !reply)
      return reply.error();
  }
  if (settings.database != 0) {
    if (auto reply = conn.call({"SELECT", std::to_string(settings.database)});
        !reply)
      return reply.error();
  }
  return conn;
}

void redis_connection::append(const redis_command& command) {
  std::vector<const char*> words;
  std::vector<size_t> lengths;
  words.reserve(command.size());
  lengths.reserve(command.size());
  for (const auto& word : command) {
    words.push_back(word.data());
    lengths.push_back(word.size());
  }
  redisAppendCommandArgv(context_.get(), static_cast<int>(words.size()),
                         words.data(), lengths.data());
  ++queued_;
}

caf::expected<std::vector<redis_reply>> redis_connection::exchange() {
  std::vector<redis_reply> replies;
  replies.reserve(queued_);
  auto expected = queued_;
  queued_ = 0;
  for (size_t i = 0; i < expected; ++i) {
    void* raw = nullptr;
    if (redisGetReply(context_.get(), &raw) != REDIS_OK || raw == nullptr)
      return context_error(*context_, redis_errc::io);
    replies.emplace_back(static_cast<redisReply*>(raw));
  }
  return replies;
}

caf::expected<redis_reply>
redis_connection::call(const redis_command& command) {
  append(command);
  auto replies = exchange();
  if (!replies)
    return replies.error();
  auto reply = std::move(replies->front());
  if (reply->type == REDIS_REPLY_ERROR)
    return reply_error(*reply);
  return reply;
}

} // namespace hot
