// The Lua scripts behind the partials.
#include "actors/redis/partial_scripts.hpp"

namespace hot::partial_scripts {

// Decimals of any length, as the scripts get ids, epochs and versions:
// beyond 2^53 Lua's doubles lose digits, so they are compared as text,
// longer being larger. Every script starts with these.
const std::string decimals = R"lua(
local function canonical(x)
  if type(x) ~= 'string' or not string.find(x, '^%d+$') then return nil end
  local trimmed = string.gsub(x, '^0+', '')
  if trimmed == '' then return '0' end
  return trimmed
end
local function newer(a, b)
  if b == nil then return true end
  if #a ~= #b then return #a > #b end
  return a > b
end
)lua";

// The merge every served list is built by, the day's and each board's.
const std::string rebuild = R"lua(
-- The best n of a partial plus everything tied with its n-th: ZREVRANGE
-- breaks ties by member text, the ranking by numeric id, so a cut inside
-- a tie could drop the article that ranks first.
local function best_of(key, n)
  if n <= 0 then return {} end
  local rows = redis.call('ZREVRANGE', key, 0, n - 1, 'WITHSCORES')
  if #rows < 2 * n then return rows end
  return redis.call('ZREVRANGEBYSCORE', key, '+inf', rows[2 * n],
                    'WITHSCORES')
end

local function ranks_before(a, b)
  if a.score ~= b.score then return a.score > b.score end
  return newer(a.id, b.id)
end

-- Replaces list, reserve and meta with the best of `parts`, pairs of a
-- partial and its meta key: the first `list_size` in the list, the next
-- `reserve_size` in the reserve.
local function rebuild(list, reserve, meta, parts, list_size, reserve_size,
                       ttl_ms)
  local wanted = list_size + reserve_size
  local pool = {}
  for _, part in ipairs(parts) do
    local rows = best_of(part[1], wanted)
    for i = 1, #rows, 2 do
      pool[#pool + 1] = {id = rows[i], text = rows[i + 1],
                         score = tonumber(rows[i + 1]), meta = part[2]}
    end
  end
  table.sort(pool, ranks_before)
  redis.call('DEL', list, reserve, meta)
  -- An article in two partials (only while partitions are re-cut) counts
  -- once, with its better entry.
  local taken, seen = 0, {}
  for _, a in ipairs(pool) do
    if taken >= wanted then break end
    if not seen[a.id] then
      seen[a.id] = true
      taken = taken + 1
      local key = reserve
      if taken <= list_size then key = list end
      redis.call('ZADD', key, a.text, a.id)
      local doc = redis.call('HGET', a.meta, a.id)
      if doc then redis.call('HSET', meta, a.id, doc) end
    end
  end
  redis.call('PEXPIRE', list, ttl_ms)
  redis.call('PEXPIRE', reserve, ttl_ms)
  redis.call('PEXPIRE', meta, ttl_ms)
end

-- Whether replacing `partial` with the entries in ARGV from `first` on
-- (id, score, meta triples) can change the served list, reserve and meta,
-- the best of every partial. Most writes change a partition's entries
-- below them. A rebuild would give them back unchanged when they are full
-- at the sizes asked, each served entry the partial held is in the new
-- entries with the same score and meta, and every other new entry ranks
-- after the last served one. Checking costs a few calls; a rebuild reads
-- every partition's partial.
local function changes_served(list, reserve, meta, partial, list_size,
                              reserve_size, first)
  local scores, last = {}, nil
  for _, k in ipairs({{list, list_size}, {reserve, reserve_size}}) do
    local rows = redis.call('ZRANGE', k[1], 0, -1, 'WITHSCORES')
    if #rows ~= 2 * k[2] then return true end
    for i = 1, #rows, 2 do
      local a = {id = rows[i], score = tonumber(rows[i + 1])}
      scores[a.id] = a.score
      if not last or ranks_before(last, a) then last = a end
    end
  end
  if not last then return true end
  local kept = {}
  for i = first, #ARGV, 3 do
    local a = {id = ARGV[i], score = tonumber(ARGV[i + 1])}
    if scores[a.id] then
      if scores[a.id] ~= a.score
         or redis.call('HGET', meta, a.id) ~= ARGV[i + 2] then
        return true
      end
      kept[a.id] = true
    elseif ranks_before(a, last) then
      return true
    end
  end
  for _, id in ipairs(redis.call('ZRANGE', partial, 0, -1)) do
    if scores[id] and not kept[id] then return true end
  end
  return false
end
)lua";

// One script for every change of a partial, so that the fence check, the
// change and the merge of the served list are one atomic step: a reader
// never sees a list that mixes a partial's old and new state, and a frozen
// former owner cannot slip a write in between check and change.
//
// KEYS: 1 list, 2 reserve, 3 meta (of the day), 4 epoch of the partition,
//       5 sealed-partitions, 6 sealed-through, then for q = 0..P-1:
//       7 + 2q partial of q, 8 + 2q partial-meta of q (of the day).
// ARGV: 1 mode ('write', 'edit', 'seal'), 2 partition, 3 epoch, 4 day
//       (yyyyMMdd), 5 list size, 6 reserve size, then
//       write: 7 ttl in ms, 8.. id, score, meta JSON per entry;
//       edit:  7 ttl in ms if the partial has none, 8 'remove'|'retitle',
//              9 id, 10 title, 11 title version;
//       seal:  nothing more.
// Answers {1, epoch} when applied, {0, stored epoch} when refused; both
// epochs as decimal text. Arguments are checked before anything changes,
// since Redis does not undo what a failing script already did.
//
// Ids, epochs and versions are decimals beyond 2^53, where Lua's doubles
// lose digits: they are compared as text (longer is larger). Scores stay
// as the text Redis gives back, and are compared as doubles, as Redis
// itself stores them.
const std::string partial = decimals + rebuild + R"lua(
local function positive(x)
  local n = canonical(x)
  return n ~= nil and n ~= '0'
end
local count = (#KEYS - 6) / 2
local mode, p = ARGV[1], tonumber(ARGV[2])
local epoch, day = canonical(ARGV[3]), ARGV[4]
local list_size, reserve_size = tonumber(ARGV[5]), tonumber(ARGV[6])
if not canonical(ARGV[2]) or p >= count then
  return redis.error_reply('partition ' .. ARGV[2] .. ' outside the layout')
end
if not epoch then return redis.error_reply('epoch is no decimal') end
if not string.find(day, '^%d%d%d%d%d%d%d%d$') then
  return redis.error_reply('day is no yyyyMMdd')
end
if not canonical(ARGV[5]) or not canonical(ARGV[6]) then
  return redis.error_reply('list sizes are no decimals')
end
if mode == 'write' then
  if not positive(ARGV[7]) or (#ARGV - 7) % 3 ~= 0 then
    return redis.error_reply('write takes a ttl and id, score, meta triples')
  end
  for i = 8, #ARGV, 3 do
    if not canonical(ARGV[i]) or not string.find(ARGV[i + 1], '^-?%d+$') then
      return redis.error_reply('write: bad id or score ' .. ARGV[i])
    end
  end
elseif mode == 'edit' then
  if not positive(ARGV[7]) or not canonical(ARGV[9])
     or (ARGV[8] ~= 'remove' and ARGV[8] ~= 'retitle')
     or (ARGV[8] == 'retitle' and not canonical(ARGV[11])) then
    return redis.error_reply('edit takes a ttl, remove|retitle, id, title, '
                             .. 'version')
  end
elseif mode ~= 'seal' then
  return redis.error_reply('unknown mode ' .. tostring(mode))
end

-- The fence. The stored epoch only grows: every applied write leaves it
-- at the highest epoch applied. A Redis that lost the key, or came back
-- from a snapshot older than the newest claim, learns the newest owner's
-- epoch again from that owner's first write, and an older owner stays
-- fenced out.
local stored = canonical(redis.call('GET', KEYS[4]))
if stored and newer(stored, epoch) then return {0, stored} end
if stored ~= epoch then redis.call('SET', KEYS[4], epoch) end

local partial, partial_meta = KEYS[7 + 2 * p], KEYS[8 + 2 * p]

-- Rebuilds the served list, reserve and meta of the day from scratch out
-- of every partial, so no earlier merge or edit can leave anything stale.
local function merge(ttl_ms)
  local parts = {}
  for q = 0, count - 1 do
    parts[#parts + 1] = {KEYS[7 + 2 * q], KEYS[8 + 2 * q]}
  end
  rebuild(KEYS[1], KEYS[2], KEYS[3], parts, list_size, reserve_size, ttl_ms)
end

if mode == 'write' then
  local rebuild_needed = changes_served(KEYS[1], KEYS[2], KEYS[3], partial,
                                        list_size, reserve_size, 8)
  redis.call('DEL', partial, partial_meta)
  for i = 8, #ARGV, 3 do
    redis.call('ZADD', partial, ARGV[i + 1], ARGV[i])
    redis.call('HSET', partial_meta, ARGV[i], ARGV[i + 2])
  end
  redis.call('PEXPIRE', partial, ARGV[7])
  redis.call('PEXPIRE', partial_meta, ARGV[7])
  if rebuild_needed then
    merge(ARGV[7])
  else
    for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[7]) end
  end
  return {1, epoch}
end

if mode == 'edit' then
  -- Read before the change: removing the last article deletes the key.
  local remaining = redis.call('PTTL', partial)
  local ttl_ms = ARGV[7]
  if remaining > 0 then ttl_ms = string.format('%d', remaining) end
  local id = ARGV[9]
  if ARGV[8] == 'remove' then
    local changed = redis.call('ZREM', partial, id)
                    + redis.call('HDEL', partial_meta, id)
    if changed == 0 then return {1, epoch} end
  else
    local stored_doc = redis.call('HGET', partial_meta, id)
    if not stored_doc then return {1, epoch} end
    local ok, doc = pcall(cjson.decode, stored_doc)
    if not ok or type(doc) ~= 'table' then return {1, epoch} end
    local version = doc.titleVersion
    if type(version) ~= 'string' then version = nil end
    local fresh = canonical(ARGV[11])
    if not newer(fresh, canonical(version)) then return {1, epoch} end
    doc.title = ARGV[10]
    doc.titleVersion = fresh
    redis.call('HSET', partial_meta, id, cjson.encode(doc))
  end
  merge(ttl_ms)
  return {1, epoch}
end

-- seal: yyyyMMdd texts order as the days do.
local sealed = redis.call('HGET', KEYS[5], ARGV[2])
if not sealed or day > sealed then redis.call('HSET', KEYS[5], ARGV[2], day) end
local fields = {}
for q = 0, count - 1 do fields[#fields + 1] = tostring(q) end
local days = redis.call('HMGET', KEYS[5], unpack(fields))
local least = nil
for q = 1, count do
  if not days[q] then return {1, epoch} end
  if least == nil or days[q] < least then least = days[q] end
end
local through = redis.call('GET', KEYS[6])
if not through or least > through then redis.call('SET', KEYS[6], least) end
return {1, epoch}
)lua";

// KEYS: 1 epoch of the partition, 2 tracked-since.
// ARGV: 1 epoch, 2 the first day ranked (yyyyMMdd) or empty.
// The fence alone, with nothing written but the first day ranked where it
// is missing: an owner that reconnects states its epoch again, so a Redis
// that came back older fences the owners it forgot even for partitions
// with no list to write, and one that came back empty learns again which
// earlier days are unknown rather than empty. Answers as the partial
// script does.
const std::string fence = decimals + R"lua(
local epoch = canonical(ARGV[1])
if not epoch or epoch == '0' then
  return redis.error_reply('epoch is no positive decimal')
end
if ARGV[2] ~= '' and not string.find(ARGV[2], '^%d%d%d%d%d%d%d%d$') then
  return redis.error_reply('tracked-since is no yyyyMMdd')
end
local stored = canonical(redis.call('GET', KEYS[1]))
if stored and newer(stored, epoch) then return {0, stored} end
if stored ~= epoch then redis.call('SET', KEYS[1], epoch) end
if ARGV[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2], 'NX') end
return {1, epoch}
)lua";

// KEYS: 1 epoch of the partition, 2 sealed-partitions, 3 sealed-through.
// ARGV: 1 partition, 2 now in ms (a non-negative decimal), 3 the claim's
// deadline in ms since the epoch, by Redis's clock.
// A claim that reaches Redis after its deadline is refused, not run: its
// instance has given the partition up by then, and another may own it.
// A command queued behind a pause or a failover runs when Redis resumes;
// only Redis's own clock can tell that it came too late.
// Answers {epoch as decimal text, sealed day of the partition or nil,
// sealed-through or nil}. The increment works on the digits, exact at any
// length, since the stored epoch may exceed what a Lua double holds.
const std::string claim = decimals + R"lua(
local function plus_one(digits)
  local i = #digits
  while i > 0 and string.sub(digits, i, i) == '9' do i = i - 1 end
  if i == 0 then return '1' .. string.rep('0', #digits) end
  return string.sub(digits, 1, i - 1)
         .. string.char(string.byte(digits, i) + 1)
         .. string.rep('0', #digits - i)
end
local now = canonical(ARGV[2])
if not now then return redis.error_reply('now is no decimal') end
local deadline = tonumber(canonical(ARGV[3]) or '')
if not deadline then return redis.error_reply('deadline is no decimal') end
local time = redis.call('TIME')
local redis_ms = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if redis_ms > deadline then
  return redis.error_reply('claim expired: its deadline passed '
                           .. string.format('%d', redis_ms - deadline)
                           .. ' ms before Redis ran it')
end
local epoch = plus_one(canonical(redis.call('GET', KEYS[1])) or '0')
if #now > #epoch or (#now == #epoch and now > epoch) then epoch = now end
redis.call('SET', KEYS[1], epoch)
return {epoch, redis.call('HGET', KEYS[2], ARGV[1]),
        redis.call('GET', KEYS[3])}
)lua";

} // namespace hot::partial_scripts
