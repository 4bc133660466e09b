// The instance lease in Redis: which daemon of a consumer group consumes
// and writes. Taken with SET NX PX, renewed and released only by its
// holder (compare-and-set in small Lua scripts).
#include "actors/io/instance_lease.hpp"

#include <unistd.h>

#include <climits>
#include <random>
#include <sstream>

namespace hot {

namespace {

// Each script answers {held, holder, remaining ms}; Redis runs it
// atomically, so no other instance acts between the read and the write.
constexpr const char* acquire_script = R"(
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, ARGV[1], tonumber(ARGV[2])}
end
return {0, redis.call('GET', KEYS[1]) or '', redis.call('PTTL', KEYS[1])})";

constexpr const char* renew_script = R"(
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1, ARGV[1], tonumber(ARGV[2])}
end
return {0, redis.call('GET', KEYS[1]) or '', redis.call('PTTL', KEYS[1])})";

constexpr const char* release_script = R"(
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0)";

caf::error unexpected_reply(const char* what) {
  return caf::make_error(io_errc::redis_reply,
                         std::string{"lease script: "} + what);
}

} // namespace

std::string lease_key(const std::string& group) {
  return "hot-article::lease::" + group;
}

std::string make_instance_id() {
  char host[HOST_NAME_MAX + 1] = {};
  if (::gethostname(host, sizeof host - 1) != 0)
    host[0] = '\0';
  std::random_device entropy;
  std::ostringstream out;
  out << (host[0] != '\0' ? host : "host") << "-" << ::getpid() << "-"
      << std::hex << (entropy() & 0xffffffu);
  return out.str();
}

instance_lease::instance_lease(std::string key, std::string instance,
                               std::chrono::milliseconds ttl)
  : key_(std::move(key)), instance_(std::move(instance)), ttl_(ttl) {
}

caf::expected<lease_answer>
instance_lease::acquire(redis_connection& redis) const {
  return run(redis, acquire_script);
}

caf::expected<lease_answer>
instance_lease::renew(redis_connection& redis) const {
  return run(redis, renew_script);
}

caf::expected<bool> instance_lease::release(redis_connection& redis) const {
  auto reply = redis.call({"EVAL", release_script, "1", key_, instance_});
  if (!reply)
    return reply.error();
  if ((*reply)->type != REDIS_REPLY_INTEGER)
    return unexpected_reply("release answered no integer");
  return (*reply)->integer == 1;
}

caf::expected<lease_answer> instance_lease::run(redis_connection& redis,
                                                const char* script) const {
  auto reply = redis.call(
    {"EVAL", script, "1", key_, instance_, std::to_string(ttl_.count())});
  if (!reply)
    return reply.error();
  const auto& r = **reply;
  if (r.type != REDIS_REPLY_ARRAY || r.elements != 3
      || r.element[0]->type != REDIS_REPLY_INTEGER
      || r.element[1]->type != REDIS_REPLY_STRING
      || r.element[2]->type != REDIS_REPLY_INTEGER)
    return unexpected_reply("expected {held, holder, remaining}");
  lease_answer out;
  out.held = r.element[0]->integer == 1;
  out.holder.assign(r.element[1]->str, r.element[1]->len);
  // PTTL answers -2 for a key that is gone, -1 for one without a TTL.
  out.remaining = std::chrono::milliseconds{
    r.element[2]->integer > 0 ? r.element[2]->integer : 0};
  return out;
}

} // namespace hot
