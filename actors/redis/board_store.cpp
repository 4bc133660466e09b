// The Redis side of the per-board day lists.
#include "actors/redis/board_store.hpp"

#include "actors/redis/board_keys.hpp"
#include "actors/redis/list_store.hpp"
#include "actors/redis/partial_scripts.hpp"

namespace hot {

namespace {

// The partial script's write and merge, for one board: the fence check,
// the change and the rebuild of the board's served list are one atomic
// step, as for the day's list.
//
// KEYS: 1 board list, 2 board reserve, 3 board meta, 4 epoch of the
//       partition, 5 active boards of the day, then for q = 0..P-1:
//       6 + 3q board partial of q, 7 + 3q its meta, 8 + 3q board counts
//       of q (of the day).
// ARGV: 1 partition, 2 epoch, 3 board id, 4 list size, 5 reserve size,
//       6 ttl in ms, 7 live count, 8.. id, score, meta JSON per entry.
// Answers {1, epoch} when applied, {0, stored epoch} when refused.
const std::string& board_script() {
  // Built on first use: `decimals` lives in another translation unit.
  static const std::string script = partial_scripts::decimals
                                    + partial_scripts::rebuild + R"lua(
local count = (#KEYS - 5) / 3
local p, epoch, board = tonumber(ARGV[1]), canonical(ARGV[2]), ARGV[3]
local list_size, reserve_size = tonumber(ARGV[4]), tonumber(ARGV[5])
local ttl, live = ARGV[6], canonical(ARGV[7])
if not canonical(ARGV[1]) or p >= count then
  return redis.error_reply('partition ' .. ARGV[1] .. ' outside the layout')
end
if not epoch then return redis.error_reply('epoch is no decimal') end
if not string.find(board, '^-?%d+$') then
  return redis.error_reply('board is no decimal')
end
if not canonical(ARGV[4]) or not canonical(ARGV[5]) or not canonical(ttl)
   or canonical(ttl) == '0' or not live or (#ARGV - 7) % 3 ~= 0 then
  return redis.error_reply('board write takes sizes, a ttl, a live count '
                           .. 'and id, score, meta triples')
end
for i = 8, #ARGV, 3 do
  if not canonical(ARGV[i]) or not string.find(ARGV[i + 1], '^-?%d+$') then
    return redis.error_reply('board write: bad id or score ' .. ARGV[i])
  end
end

local stored = canonical(redis.call('GET', KEYS[4]))
if stored and newer(stored, epoch) then return {0, stored} end
if stored ~= epoch then redis.call('SET', KEYS[4], epoch) end

local partial, partial_meta = KEYS[6 + 3 * p], KEYS[7 + 3 * p]
local counts = KEYS[8 + 3 * p]

local rebuild_needed = changes_served(KEYS[1], KEYS[2], KEYS[3], partial,
                                      list_size, reserve_size, 8)

redis.call('DEL', partial, partial_meta)
for i = 8, #ARGV, 3 do
  redis.call('ZADD', partial, ARGV[i + 1], ARGV[i])
  redis.call('HSET', partial_meta, ARGV[i], ARGV[i + 2])
end
redis.call('PEXPIRE', partial, ttl)
redis.call('PEXPIRE', partial_meta, ttl)

if live == '0' then
  redis.call('HDEL', counts, board)
else
  redis.call('HSET', counts, board, live)
end
redis.call('PEXPIRE', counts, ttl)
local total = 0
for q = 0, count - 1 do
  local c = redis.call('HGET', KEYS[8 + 3 * q], board)
  if c then total = total + tonumber(c) end
end
if total > 0 then
  redis.call('ZADD', KEYS[5], total, board)
else
  redis.call('ZREM', KEYS[5], board)
end
redis.call('PEXPIRE', KEYS[5], ttl)

if rebuild_needed then
  local parts = {}
  for q = 0, count - 1 do
    parts[#parts + 1] = {KEYS[6 + 3 * q], KEYS[7 + 3 * q]}
  end
  rebuild(KEYS[1], KEYS[2], KEYS[3], parts, list_size, reserve_size, ttl)
else
  for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ttl) end
end
return {1, epoch}
)lua";
  return script;
}

} // namespace

redis_command board_write_command(const partial_layout& layout, day_key day,
                                  int32_t partition, uint64_t epoch,
                                  const board_snapshot& board,
                                  std::chrono::seconds ttl) {
  auto count = layout.partition_count > 0 ? layout.partition_count : 0;
  redis_command cmd{"EVAL",
                    board_script(),
                    std::to_string(5 + 3 * count),
                    board_list_key(board.board, day),
                    board_reserve_key(board.board, day),
                    board_meta_key(board.board, day),
                    epoch_key(partition),
                    active_boards_key(day)};
  for (int32_t q = 0; q < count; ++q) {
    cmd.push_back(board_partial_key(board.board, day, q));
    cmd.push_back(board_partial_meta_key(board.board, day, q));
    cmd.push_back(board_counts_key(day, q));
  }
  cmd.push_back(std::to_string(partition));
  cmd.push_back(std::to_string(epoch));
  cmd.push_back(std::to_string(board.board.value()));
  cmd.push_back(std::to_string(layout.list_size));
  cmd.push_back(std::to_string(layout.reserve_size));
  cmd.push_back(std::to_string(
    std::chrono::duration_cast<std::chrono::milliseconds>(ttl).count()));
  cmd.push_back(std::to_string(board.live));
  for (const auto* entries : {&board.top, &board.reserve})
    for (const auto& a : *entries) {
      cmd.push_back(std::to_string(a.id.value()));
      cmd.push_back(std::to_string(a.score));
      cmd.push_back(encode_meta(a));
    }
  return cmd;
}

} // namespace hot
