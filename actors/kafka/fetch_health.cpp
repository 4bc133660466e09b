// Whether a partition's fetches are still coming back.
#include "actors/kafka/fetch_health.hpp"

#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace hot {

fetch_health::fetch_health(std::chrono::milliseconds stall_after)
  : stall_after_(stall_after) {
}

bool fetch_health::update(std::string_view stats_json, clock::time_point now) {
  auto doc = nlohmann::json::parse(stats_json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return false;
  std::map<int64_t, int64_t> fetches;
  if (auto it = doc.find("brokers"); it != doc.end() && it->is_object())
    for (const auto& [name, b] : it->items()) {
      auto id = b.find("nodeid");
      // Bootstrap connections have no node id; the group coordinator's
      // connection ("logical") shares its broker's and sends no fetches.
      auto source = b.find("source");
      if (id == b.end() || !id->is_number_integer() || id->get<int64_t>() < 0
          || (source != b.end() && source->is_string()
              && (*source == "logical" || *source == "internal")))
        continue;
      int64_t sent = 0;
      if (auto req = b.find("req"); req != b.end() && req->is_object())
        if (auto f = req->find("Fetch");
            f != req->end() && f->is_number_integer())
          sent = f->get<int64_t>();
      auto& most = fetches[id->get<int64_t>()];
      most = std::max(most, sent);
    }
  std::map<std::pair<std::string, int32_t>, int64_t> leaders;
  if (auto it = doc.find("topics"); it != doc.end() && it->is_object())
    for (const auto& [topic, t] : it->items()) {
      auto parts = t.find("partitions");
      if (parts == t.end() || !parts->is_object())
        continue;
      for (const auto& [partition, p] : parts->items()) {
        auto leader = p.find("leader");
        char* end = nullptr;
        auto number = std::strtol(partition.c_str(), &end, 10);
        // "-1" stands for messages not yet given a partition.
        if (leader == p.end() || !leader->is_number_integer() || number < 0
            || *end != '\0')
          continue;
        leaders[{topic, static_cast<int32_t>(number)}] = leader->get<int64_t>();
      }
    }
  std::lock_guard<std::mutex> guard{mutex_};
  any_ = true;
  for (const auto& [id, sent] : fetches) {
    auto& b = brokers_[id];
    if (b.fetches != sent) {
      b.fetches = sent;
      b.changed_at = now;
    }
  }
  leaders_ = std::move(leaders);
  return true;
}

bool fetch_health::fetching(const std::string& topic, int32_t partition,
                            clock::time_point now) const {
  std::lock_guard<std::mutex> guard{mutex_};
  if (!any_)
    return true;
  auto leader = leaders_.find({topic, partition});
  if (leader == leaders_.end())
    return false;
  auto b = brokers_.find(leader->second);
  return b != brokers_.end() && now - b->second.changed_at <= stall_after_;
}

} // namespace hot
