// A synchronous hiredis connection with RAII, pipelining, scripts run by
// their SHA-1, and the one place hiredis failures become typed errors.
#include "actors/redis/redis_connection.hpp"

#include <sys/time.h>

#include <algorithm>
#include <cstddef>
#include <string_view>

#include "actors/redis/lua_script.hpp"
#include "common/logger.hpp"

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

constexpr size_t sha1_digits = 40;

// A bulk string of the Redis protocol: $<length>, the bytes.
void append_bulk(std::string& out, std::string_view word) {
  out += '$';
  out += std::to_string(word.size());
  out += "\r\n";
  out.append(word);
  out += "\r\n";
}

bool is_noscript(const redisReply& reply) {
  return reply.type == REDIS_REPLY_ERROR
         && std::string_view{reply.str, reply.len}.substr(0, 8) == "NOSCRIPT";
}

// An EVALSHA as `append` writes it: *<words>, the bulk EVALSHA, the bulk
// SHA-1, then the key count, keys and arguments.
constexpr std::string_view evalsha_bulk = "$7\r\nEVALSHA\r\n$40\r\n";

size_t sha1_at(std::string_view evalsha) {
  return evalsha.find("\r\n") + 2 + evalsha_bulk.size();
}

std::string_view sha1_of(std::string_view evalsha) {
  return evalsha.substr(sha1_at(evalsha), sha1_digits);
}

// The same command as EVAL with the script's body, which Redis runs
// whatever its script cache holds, and caches.
void append_as_eval(std::string& out, std::string_view evalsha,
                    std::string_view body) {
  out.append(evalsha.substr(0, evalsha.find("\r\n") + 2));
  append_bulk(out, "EVAL");
  append_bulk(out, body);
  out.append(evalsha.substr(sha1_at(evalsha) + sha1_digits + 2));
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
  pipeline_ += '*';
  pipeline_ += std::to_string(command.size());
  pipeline_ += "\r\n";
  for (const auto& word : command)
    append_bulk(pipeline_, word);
  bool script = command.size() >= 2 && command[0] == "EVALSHA"
                && command[1].size() == sha1_digits;
  queued_.push_back(queued{pipeline_.size(), script});
}

caf::expected<std::vector<redis_reply>> redis_connection::exchange() {
  auto replies = send(pipeline_, queued_.size());
  if (replies) {
    if (auto err = send_missing_scripts(*replies))
      replies = std::move(err);
  }
  pipeline_.clear();
  queued_.clear();
  return replies;
}

caf::expected<std::vector<redis_reply>>
redis_connection::send(const std::string& bytes, size_t replies) {
  std::vector<redis_reply> out;
  if (replies == 0)
    return out;
  if (redisAppendFormattedCommand(context_.get(), bytes.data(), bytes.size())
      != REDIS_OK)
    return context_error(*context_, redis_errc::io);
  out.reserve(replies);
  for (size_t i = 0; i < replies; ++i) {
    void* raw = nullptr;
    if (redisGetReply(context_.get(), &raw) != REDIS_OK || raw == nullptr)
      return context_error(*context_, redis_errc::io);
    out.emplace_back(static_cast<redisReply*>(raw));
  }
  return out;
}

size_t redis_connection::command_start(size_t i) const {
  return i == 0 ? 0 : queued_[i - 1].end;
}

std::string_view redis_connection::command_bytes(size_t i) const {
  auto start = command_start(i);
  return std::string_view{pipeline_}.substr(start, queued_[i].end - start);
}

// Redis ran the commands before the first NOSCRIPT and none of the scripts
// since it lost them; it may have run other commands after it. Sending
// everything from there on again, in order, keeps the pipeline's order.
caf::error
redis_connection::send_missing_scripts(std::vector<redis_reply>& replies) {
  size_t first = 0;
  while (first < queued_.size()
         && !(queued_[first].script && is_noscript(*replies[first])
              && lua_script::body_of(sha1_of(command_bytes(first))) != nullptr))
    ++first;
  if (first == queued_.size())
    return caf::none;
  std::string again;
  again.reserve(pipeline_.size() - command_start(first));
  size_t scripts = 0;
  for (size_t i = first; i < queued_.size(); ++i) {
    auto bytes = command_bytes(i);
    const std::string* body = nullptr;
    if (queued_[i].script)
      body = lua_script::body_of(sha1_of(bytes));
    if (body != nullptr) {
      append_as_eval(again, bytes, *body);
      ++scripts;
    } else {
      again.append(bytes);
    }
  }
  auto rerun = send(again, queued_.size() - first);
  if (!rerun)
    return rerun.error();
  std::move(rerun->begin(), rerun->end(),
            replies.begin() + static_cast<std::ptrdiff_t>(first));
  HOT_LOG_INFO("redis", "Redis had lost its scripts (a restart, SCRIPT FLUSH "
                        "or a failover): the last "
                          << rerun->size() << " of " << queued_.size()
                          << " commands sent again, " << scripts
                          << " of them with their script's body");
  return caf::none;
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
