// Reading the day lists back from Redis and comparing them with the oracle.
#include "tests/support/stored_lists.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "actors/redis/list_store.hpp"

namespace hot::test {

std::vector<oracle_entry> stored_entries(redis_server& redis,
                                         const std::string& key, day_key day) {
  return stored_entries(redis, key, meta_key(day));
}

std::vector<oracle_entry> stored_entries(redis_server& redis,
                                         const std::string& key,
                                         const std::string& meta_hash) {
  auto meta = redis.hash(meta_hash);
  std::vector<oracle_entry> out;
  for (const auto& [member, score] : redis.zset(key)) {
    oracle_entry e;
    e.id = std::stoll(member);
    e.score = score;
    if (auto it = meta.find(member); it != meta.end())
      e.title = nlohmann::json::parse(it->second).value("title", "");
    out.push_back(e);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.score != b.score ? a.score > b.score : a.id > b.id;
  });
  return out;
}

std::string list_mismatch(redis_server& redis,
                          const std::map<day_key, oracle_day>& expected,
                          const std::vector<day_key>& days,
                          reserve_check reserves,
                          const std::map<day_key, size_t>& slack) {
  for (auto day : days) {
    auto it = expected.find(day);
    auto want = it == expected.end() ? oracle_day{} : it->second;
    auto describe = [&](const std::string& what, const std::string& have,
                        const std::vector<oracle_entry>& wanted) {
      return day.to_string() + " " + what + "\n  stored:   " + have
             + "\n  expected: " + to_string(wanted);
    };
    auto list = stored_entries(redis, list_key(day), day);
    if (to_string(list) != to_string(want.list))
      return describe("list", to_string(list), want.list);
    if (reserves == reserve_check::none)
      continue;
    auto reserve = stored_entries(redis, reserve_key(day), day);
    size_t allowed = 0;
    if (reserves == reserve_check::prefix && slack.count(day) != 0)
      allowed = slack.at(day);
    auto n = want.reserve.size() - std::min(allowed, want.reserve.size());
    auto head = [n](const std::vector<oracle_entry>& entries) {
      return to_string(std::vector<oracle_entry>(
        entries.begin(),
        entries.begin()
          + static_cast<std::ptrdiff_t>(std::min(n, entries.size()))));
    };
    if (reserve.size() < n || head(reserve) != head(want.reserve))
      return describe("reserve (first " + std::to_string(n) + ")",
                      to_string(reserve), want.reserve);
  }
  return {};
}

} // namespace hot::test
