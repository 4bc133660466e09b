// The Redis layout of the day lists: key names, the writes that replace a
// list atomically, edits of sealed lists, and consistent reads.
#include "actors/redis/list_store.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace hot {

namespace {

// Runs inside Redis, so the check and the change are one atomic step.
// Versions and ids are positive int64 in decimal: longer means larger.
constexpr const char* sealed_edit_script = R"lua(
local function newer(a, b)
  if b == nil then return true end
  if #a ~= #b then return #a > #b end
  return a > b
end
local list, reserve, meta = KEYS[1], KEYS[2], KEYS[3]
local kind, id = ARGV[1], ARGV[2]
if kind == 'retitle' then
  local stored = redis.call('HGET', meta, id)
  if not stored then return 0 end
  local doc = cjson.decode(stored)
  if not newer(ARGV[4], doc.titleVersion) then return 0 end
  doc.title = ARGV[3]
  doc.titleVersion = ARGV[4]
  redis.call('HSET', meta, id, cjson.encode(doc))
  return 1
end
local removed = redis.call('ZREM', list, id) + redis.call('ZREM', reserve, id)
redis.call('HDEL', meta, id)
if removed == 0 then return 0 end
local size = tonumber(ARGV[5])
while redis.call('ZCARD', list) < size do
  local candidates = redis.call('ZRANGE', reserve, 0, -1, 'WITHSCORES')
  if #candidates == 0 then break end
  local best, best_score, best_text = nil, nil, nil
  for i = 1, #candidates, 2 do
    local member, text = candidates[i], candidates[i + 1]
    local score = tonumber(text)
    if best == nil or score > best_score
       or (score == best_score and newer(member, best)) then
      best, best_score, best_text = member, score, text
    end
  end
  redis.call('ZREM', reserve, best)
  redis.call('ZADD', list, best_text, best)
end
return 1
)lua";

void append_members(redis_command& cmd,
                    const std::vector<ranked_article>& entries) {
  for (const auto& a : entries) {
    cmd.push_back(std::to_string(a.score));
    cmd.push_back(std::to_string(a.id.value()));
  }
}

std::string_view text_of(const redisReply& reply) {
  return std::string_view{reply.str, reply.len};
}

caf::error malformed_reply(std::string what) {
  return caf::make_error(redis_errc::reply, "unexpected reply: " + what);
}

} // namespace

const char* const sealed_through_key = "hot-article::sealed-through";
const char* const tracked_since_key = "hot-article::tracked-since";

std::string list_key(day_key day) {
  return "hot-article::list::" + day.to_string();
}

std::string reserve_key(day_key day) {
  return "hot-article::reserve::" + day.to_string();
}

std::string meta_key(day_key day) {
  return "hot-article::meta::" + day.to_string();
}

std::string encode_meta(const ranked_article& a) {
  nlohmann::json doc{{"title", a.title},
                     {"createdAt", a.created_at.to_iso()},
                     {"titleVersion", std::to_string(a.title_version.value())}};
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<redis_command> list_write(const list_snapshot& snapshot,
                                      std::chrono::seconds ttl) {
  auto list = list_key(snapshot.day);
  auto meta = meta_key(snapshot.day);
  auto reserve = reserve_key(snapshot.day);
  auto seconds = std::to_string(ttl.count());
  std::vector<redis_command> out;
  out.push_back({"MULTI"});
  if (snapshot.final)
    out.push_back({"DEL", list, meta, reserve});
  else
    out.push_back({"DEL", list, meta});
  if (!snapshot.top.empty()) {
    redis_command zadd{"ZADD", list};
    append_members(zadd, snapshot.top);
    out.push_back(std::move(zadd));
    out.push_back({"EXPIRE", list, seconds});
  }
  if (snapshot.final && !snapshot.reserve.empty()) {
    redis_command zadd{"ZADD", reserve};
    append_members(zadd, snapshot.reserve);
    out.push_back(std::move(zadd));
    out.push_back({"EXPIRE", reserve, seconds});
  }
  if (!snapshot.top.empty() || !snapshot.reserve.empty()) {
    redis_command hset{"HSET", meta};
    for (const auto* entries : {&snapshot.top, &snapshot.reserve}) {
      for (const auto& a : *entries) {
        hset.push_back(std::to_string(a.id.value()));
        hset.push_back(encode_meta(a));
      }
    }
    out.push_back(std::move(hset));
    out.push_back({"EXPIRE", meta, seconds});
  }
  out.push_back({"EXEC"});
  return out;
}

redis_command sealed_edit_command(const sealed_edit& edit, uint32_t list_size) {
  return {"EVAL",
          sealed_edit_script,
          "3",
          list_key(edit.day),
          reserve_key(edit.day),
          meta_key(edit.day),
          edit.kind == edit_kind::remove ? "remove" : "retitle",
          std::to_string(edit.article.value()),
          edit.title,
          std::to_string(edit.title_version.value()),
          std::to_string(list_size)};
}

redis_command sealed_through_write(day_key day) {
  return {"SET", sealed_through_key, day.to_string()};
}

redis_command sealed_through_read() {
  return {"GET", sealed_through_key};
}

redis_command tracked_since_write(day_key day) {
  return {"SET", tracked_since_key, day.to_string(), "NX"};
}

redis_command tracked_since_read() {
  return {"GET", tracked_since_key};
}

std::optional<day_key> parse_sealed_through(const redisReply& reply) {
  if (reply.type != REDIS_REPLY_STRING)
    return std::nullopt;
  return day_key::parse(text_of(reply));
}

namespace {

// ZREVRANGE ... WITHSCORES and HGETALL of the meta hash, as articles best
// first (score, then id, both descending).
caf::expected<std::vector<listed_article>>
parse_ranked(const redisReply& members, const redisReply& metas) {
  if (members.type != REDIS_REPLY_ARRAY || metas.type != REDIS_REPLY_ARRAY)
    return malformed_reply("ZREVRANGE/HGETALL");
  std::unordered_map<std::string_view, std::string_view> meta_by_id;
  for (size_t i = 0; i + 1 < metas.elements; i += 2)
    meta_by_id.emplace(text_of(*metas.element[i]),
                       text_of(*metas.element[i + 1]));
  std::vector<listed_article> out;
  for (size_t i = 0; i + 1 < members.elements; i += 2) {
    listed_article a;
    auto member = text_of(*members.element[i]);
    a.id = article_id{std::strtoll(std::string{member}.c_str(), nullptr, 10)};
    auto score = std::string{text_of(*members.element[i + 1])};
    a.score = std::llround(std::strtod(score.c_str(), nullptr));
    if (auto it = meta_by_id.find(member); it != meta_by_id.end()) {
      auto doc = nlohmann::json::parse(it->second, nullptr, false);
      if (doc.is_object()) {
        a.title = doc.value("title", "");
        a.created_at = doc.value("createdAt", "");
      }
    }
    out.push_back(std::move(a));
  }
  // Redis breaks score ties by member text; the rule is by numeric id.
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    return x.score != y.score ? x.score > y.score : x.id > y.id;
  });
  return out;
}

caf::error check_exec(const redisReply& exec_reply, size_t replies) {
  if (exec_reply.type == REDIS_REPLY_ERROR)
    return reply_error(exec_reply);
  if (exec_reply.type != REDIS_REPLY_ARRAY || exec_reply.elements != replies)
    return malformed_reply("EXEC of a list read");
  return caf::none;
}

} // namespace

std::vector<redis_command> list_read(day_key day) {
  return {{"MULTI"},
          {"ZREVRANGE", list_key(day), "0", "-1", "WITHSCORES"},
          {"HGETALL", meta_key(day)},
          {"EXEC"}};
}

std::vector<redis_command> sealed_read(day_key day) {
  return {{"MULTI"},
          {"ZREVRANGE", list_key(day), "0", "-1", "WITHSCORES"},
          {"ZREVRANGE", reserve_key(day), "0", "-1", "WITHSCORES"},
          {"HGETALL", meta_key(day)},
          {"EXEC"}};
}

caf::expected<std::vector<listed_article>>
parse_list_read(const redisReply& exec_reply) {
  if (auto err = check_exec(exec_reply, 2))
    return err;
  return parse_ranked(*exec_reply.element[0], *exec_reply.element[1]);
}

caf::expected<sealed_lists> parse_sealed_read(const redisReply& exec_reply) {
  if (auto err = check_exec(exec_reply, 3))
    return err;
  const auto& metas = *exec_reply.element[2];
  auto list = parse_ranked(*exec_reply.element[0], metas);
  if (!list)
    return list.error();
  auto reserve = parse_ranked(*exec_reply.element[1], metas);
  if (!reserve)
    return reserve.error();
  return sealed_lists{std::move(*list), std::move(*reserve)};
}

} // namespace hot
