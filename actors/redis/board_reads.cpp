// Consistent reads of the per-board day lists (keys in board_keys.hpp).
#include "actors/redis/board_reads.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>

#include "actors/redis/board_keys.hpp"

namespace hot {

namespace {

std::string text_of(const redisReply& reply) {
  return std::string{reply.str, reply.len};
}

caf::error malformed_reply(std::string what) {
  return caf::make_error(redis_errc::reply, "unexpected reply: " + what);
}

// A positive decimal int64, exactly: a member that is not one is not a
// board this daemon wrote.
std::optional<int64_t> positive_decimal(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != text.npos)
    return std::nullopt;
  errno = 0;
  auto value = std::strtoll(text.c_str(), nullptr, 10);
  if (errno == ERANGE || value <= 0)
    return std::nullopt;
  return value;
}

} // namespace

std::vector<redis_command> board_list_read(board_id board, day_key day) {
  return {{"MULTI"},
          {"ZREVRANGE", board_list_key(board, day), "0", "-1", "WITHSCORES"},
          {"HGETALL", board_meta_key(board, day)},
          {"EXEC"}};
}

redis_command active_boards_read(day_key day, size_t n) {
  return {"ZREVRANGE", active_boards_key(day), "0",
          std::to_string(static_cast<int64_t>(n) - 1), "WITHSCORES"};
}

caf::expected<std::vector<board_count>>
parse_active_boards(const redisReply& reply) {
  if (reply.type == REDIS_REPLY_ERROR)
    return reply_error(reply);
  if (reply.type != REDIS_REPLY_ARRAY || reply.elements % 2 != 0)
    return malformed_reply("ZREVRANGE of the active boards");
  std::vector<board_count> out;
  for (size_t i = 0; i + 1 < reply.elements; i += 2) {
    auto member = text_of(*reply.element[i]);
    auto id = positive_decimal(member);
    if (!id)
      return malformed_reply("active board '" + member + "'");
    auto count = text_of(*reply.element[i + 1]);
    out.push_back(
      {board_id{*id}, std::llround(std::strtod(count.c_str(), nullptr))});
  }
  // Redis breaks count ties by member text; the rule is by numeric id.
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    return x.articles != y.articles ? x.articles > y.articles
                                    : x.board > y.board;
  });
  return out;
}

} // namespace hot
