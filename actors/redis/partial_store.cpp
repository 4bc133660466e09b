// The Redis side of partitioned ranking: per-partition partial lists, the
// served list merged from them in one script, and epoch fencing of owners.
#include "actors/redis/partial_store.hpp"

#include <charconv>
#include <string>

#include "actors/redis/list_store.hpp"
#include "actors/redis/partial_scripts.hpp"

namespace hot {

namespace {

std::string milliseconds_of(std::chrono::seconds ttl) {
  return std::to_string(
    std::chrono::duration_cast<std::chrono::milliseconds>(ttl).count());
}

// EVAL, the script, its keys, and the six arguments every mode shares.
redis_command script_call(const partial_layout& layout, const char* mode,
                          day_key day, int32_t partition, uint64_t epoch) {
  auto count = layout.partition_count > 0 ? layout.partition_count : 0;
  redis_command cmd{"EVAL",
                    partial_scripts::partial,
                    std::to_string(6 + 2 * count),
                    list_key(day),
                    reserve_key(day),
                    meta_key(day),
                    epoch_key(partition),
                    sealed_partitions_key,
                    sealed_through_key};
  for (int32_t q = 0; q < count; ++q) {
    cmd.push_back(partial_key(day, q));
    cmd.push_back(partial_meta_key(day, q));
  }
  cmd.push_back(mode);
  cmd.push_back(std::to_string(partition));
  cmd.push_back(std::to_string(epoch));
  cmd.push_back(day.to_string());
  cmd.push_back(std::to_string(layout.list_size));
  cmd.push_back(std::to_string(layout.reserve_size));
  return cmd;
}

caf::error malformed_reply(std::string what) {
  return caf::make_error(redis_errc::reply, "unexpected reply: " + what);
}

// A decimal epoch, as text (what the scripts send) or as an integer.
std::optional<uint64_t> epoch_of(const redisReply& reply) {
  if (reply.type == REDIS_REPLY_INTEGER) {
    if (reply.integer < 0)
      return std::nullopt;
    return static_cast<uint64_t>(reply.integer);
  }
  if (reply.type != REDIS_REPLY_STRING || reply.len == 0)
    return std::nullopt;
  uint64_t out = 0;
  auto end = reply.str + reply.len;
  auto [ptr, ec] = std::from_chars(reply.str, end, out);
  if (ec != std::errc{} || ptr != end)
    return std::nullopt;
  return out;
}

} // namespace

const char* const sealed_partitions_key = "hot-article::sealed-partitions";

std::string partial_key(day_key day, int32_t partition) {
  return "hot-article::partial::" + day.to_string()
         + "::" + std::to_string(partition);
}

std::string partial_meta_key(day_key day, int32_t partition) {
  return "hot-article::partial-meta::" + day.to_string()
         + "::" + std::to_string(partition);
}

std::string epoch_key(int32_t partition) {
  return "hot-article::epoch::" + std::to_string(partition);
}

redis_command claim_command(int32_t partition, int64_t now_ms,
                            int64_t deadline_ms) {
  return {"EVAL",
          partial_scripts::claim,
          "3",
          epoch_key(partition),
          sealed_partitions_key,
          sealed_through_key,
          std::to_string(partition),
          std::to_string(now_ms > 0 ? now_ms : 0),
          std::to_string(deadline_ms > 0 ? deadline_ms : 0)};
}

redis_command fence_command(int32_t partition, uint64_t epoch,
                            day_key tracked_since) {
  return {"EVAL",
          partial_scripts::fence,
          "2",
          epoch_key(partition),
          tracked_since_key,
          std::to_string(epoch),
          tracked_since == day_key{} ? std::string{}
                                     : tracked_since.to_string()};
}

caf::expected<claim_reply> parse_claim(const redisReply& reply) {
  if (reply.type == REDIS_REPLY_ERROR)
    return reply_error(reply);
  if (reply.type != REDIS_REPLY_ARRAY || reply.elements != 3)
    return malformed_reply("claim answered no triple");
  claim_reply out;
  if (auto epoch = epoch_of(*reply.element[0]))
    out.epoch = *epoch;
  else
    return malformed_reply("claim answered no epoch");
  for (auto [i, day] : {std::pair{size_t{1}, &out.partition_sealed},
                        std::pair{size_t{2}, &out.sealed_through}}) {
    const auto& x = *reply.element[i];
    if (x.type == REDIS_REPLY_NIL)
      continue;
    if (x.type == REDIS_REPLY_STRING)
      *day = day_key::parse(std::string_view{x.str, x.len});
    if (!*day)
      return malformed_reply("claim answered a day that is no yyyyMMdd");
  }
  return out;
}

redis_command partial_write_command(const partial_layout& layout, day_key day,
                                    int32_t partition, uint64_t epoch,
                                    const std::vector<ranked_article>& entries,
                                    std::chrono::seconds ttl) {
  auto cmd = script_call(layout, "write", day, partition, epoch);
  cmd.push_back(milliseconds_of(ttl));
  for (const auto& a : entries) {
    cmd.push_back(std::to_string(a.id.value()));
    cmd.push_back(std::to_string(a.score));
    cmd.push_back(encode_meta(a));
  }
  return cmd;
}

redis_command partial_edit_command(const partial_layout& layout,
                                   const sealed_edit& edit, int32_t partition,
                                   uint64_t epoch,
                                   std::chrono::seconds ttl_if_unknown) {
  auto cmd = script_call(layout, "edit", edit.day, partition, epoch);
  cmd.push_back(milliseconds_of(ttl_if_unknown));
  cmd.push_back(edit.kind == edit_kind::remove ? "remove" : "retitle");
  cmd.push_back(std::to_string(edit.article.value()));
  cmd.push_back(edit.title);
  cmd.push_back(std::to_string(edit.title_version.value()));
  return cmd;
}

redis_command partial_seal_command(const partial_layout& layout, day_key day,
                                   int32_t partition, uint64_t epoch) {
  return script_call(layout, "seal", day, partition, epoch);
}

caf::expected<fence_outcome> parse_fenced(const redisReply& reply) {
  if (reply.type == REDIS_REPLY_ERROR)
    return reply_error(reply);
  if (reply.type != REDIS_REPLY_ARRAY || reply.elements != 2
      || reply.element[0]->type != REDIS_REPLY_INTEGER)
    return malformed_reply("partial script answered no pair");
  auto epoch = epoch_of(*reply.element[1]);
  if (!epoch)
    return malformed_reply("partial script answered no epoch");
  return fence_outcome{reply.element[0]->integer == 1, *epoch};
}

} // namespace hot
