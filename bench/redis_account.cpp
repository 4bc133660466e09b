// Redis's own account of what it holds and what it did.
#include "bench/redis_account.hpp"

#include <set>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "bench/stats_text.hpp"

namespace hot::bench {

namespace {

redis_reply answered(caf::expected<redis_reply> reply, const char* what) {
  if (!reply)
    throw std::runtime_error(std::string{what}
                             + " failed: " + caf::to_string(reply.error()));
  if ((*reply)->type == REDIS_REPLY_ERROR)
    throw std::runtime_error(std::string{what} + " refused: " + (*reply)->str);
  return std::move(*reply);
}

std::string_view text_of(const redisReply& reply) {
  return {reply.str, reply.len};
}

} // namespace

redis_account read_account(redis_connection& conn) {
  auto reply = answered(
    conn.call({"INFO", "memory", "stats", "cpu", "commandstats", "keyspace"}),
    "INFO");
  auto info = parse_info(text_of(*reply));
  redis_account out;
  out.used_memory = info_number(info, "used_memory");
  out.commands = info_number(info, "total_commands_processed");
  out.cpu_seconds = info_decimal(info, "used_cpu_sys")
                    + info_decimal(info, "used_cpu_user");
  out.keys = info_part(info, "db0", "keys");
  out.calls = command_calls(info);
  return out;
}

std::map<std::string, family_usage> key_families(redis_connection& conn) {
  std::map<std::string, family_usage> out;
  // SCAN may answer a key twice while the table is resized.
  std::set<std::string> seen;
  std::string cursor = "0";
  do {
    auto page = answered(conn.call({"SCAN", cursor, "COUNT", "1000"}), "SCAN");
    if (page->type != REDIS_REPLY_ARRAY || page->elements != 2)
      throw std::runtime_error("SCAN: unexpected reply");
    cursor = std::string{text_of(*page->element[0])};
    std::vector<std::string> fresh;
    const auto& keys = *page->element[1];
    for (size_t i = 0; i < keys.elements; ++i)
      if (auto key = std::string{text_of(*keys.element[i])};
          seen.insert(key).second)
        fresh.push_back(std::move(key));
    if (fresh.empty())
      continue;
    // One round trip for the page's sizes.
    for (const auto& key : fresh)
      conn.append({"MEMORY", "USAGE", key, "SAMPLES", "0"});
    auto sizes = conn.exchange();
    if (!sizes)
      throw std::runtime_error("MEMORY USAGE failed: "
                               + caf::to_string(sizes.error()));
    for (size_t i = 0; i < fresh.size(); ++i) {
      auto& family = out[key_family(fresh[i])];
      ++family.keys;
      // A key that expired between SCAN and MEMORY USAGE answers nil.
      if ((*sizes)[i]->type == REDIS_REPLY_INTEGER)
        family.bytes += (*sizes)[i]->integer;
    }
  } while (cursor != "0");
  return out;
}

} // namespace hot::bench
