// The Redis layout of the day lists: key names, the writes that replace a
// list atomically, edits of sealed lists, and consistent reads.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <caf/expected.hpp>

#include "actors/redis/redis_connection.hpp"
#include "messages/day_key.hpp"
#include "messages/pipeline_messages.hpp"

namespace hot {

/// `hot-article::list::{yyyyMMdd}`: ZSET, member = decimal article id,
/// score = score (the reference's key).
std::string list_key(day_key day);

/// `hot-article::reserve::{yyyyMMdd}`: ZSET of the next-ranked articles,
/// written when the day is sealed, used to backfill later deletes.
std::string reserve_key(day_key day);

/// `hot-article::meta::{yyyyMMdd}`: HASH article id -> JSON
/// {"title","createdAt","titleVersion"} for every listed or reserve article.
std::string meta_key(day_key day);

/// The JSON an article's meta entry holds: {"title","createdAt",
/// "titleVersion"} (the version as decimal text: it exceeds 2^53).
std::string encode_meta(const ranked_article& a);

/// `hot-article::sealed-through`: the last day whose list is final.
extern const char* const sealed_through_key;

/// MULTI, DEL, ZADD, HSET, EXPIRE ..., EXEC: replaces the day's list (and,
/// for a final snapshot, its reserve) in one transaction, so readers never
/// see a partial list and a replayed write is harmless. The last command
/// is the EXEC.
std::vector<redis_command> list_write(const list_snapshot& snapshot,
                                      std::chrono::seconds ttl);

/// One atomic script run: removes an article from a sealed list and
/// backfills from the reserve, or refreshes its title if newer.
redis_command sealed_edit_command(const sealed_edit& edit, uint32_t list_size);

redis_command sealed_through_write(day_key day);

/// `hot-article::tracked-since`: the first day this deployment ranked,
/// written once at its first start. Days before it are unknown, not final.
extern const char* const tracked_since_key;

/// SET NX: only the first start of a deployment writes it.
redis_command tracked_since_write(day_key day);

redis_command tracked_since_read();

redis_command sealed_through_read();

/// The stored day, if the reply to `sealed_through_read` holds one.
std::optional<day_key> parse_sealed_through(const redisReply& reply);

/// An article as the HTTP endpoint shows it.
struct listed_article {
  article_id id;
  int64_t score = 0;
  std::string title;
  std::string created_at;
};

/// MULTI, ZREVRANGE, HGETALL, EXEC: the list and its titles as of one
/// instant.
std::vector<redis_command> list_read(day_key day);

/// Parses the EXEC reply of `list_read`; best first (score, then id, both
/// descending).
caf::expected<std::vector<listed_article>>
parse_list_read(const redisReply& exec_reply);

/// A sealed day's list and the reserve behind it, read together so that an
/// edit promoting an article from one to the other is seen whole.
struct sealed_lists {
  std::vector<listed_article> list;
  std::vector<listed_article> reserve;
};

/// MULTI, both ZREVRANGEs, HGETALL, EXEC.
std::vector<redis_command> sealed_read(day_key day);

caf::expected<sealed_lists> parse_sealed_read(const redisReply& exec_reply);

} // namespace hot
