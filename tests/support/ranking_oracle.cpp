// A deliberately simple model of the ranking rules, to check the pipeline.
#include "tests/support/ranking_oracle.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <set>

namespace hot::test {

namespace {

bool ranks_first(const oracle_entry& a, const oracle_entry& b) {
  return a.score != b.score ? a.score > b.score : a.id > b.id;
}

struct article_facts {
  std::optional<day_key> day;
  bool known = false;
  bool deleted = false;
  std::string title;
  int64_t title_version = 0;
  std::vector<const stream_message*> counts;
};

} // namespace

std::string to_string(const std::vector<oracle_entry>& entries) {
  std::string out;
  for (const auto& e : entries)
    out += std::to_string(e.id) + ":" + std::to_string(e.score) + ":" + e.title
           + " ";
  return out;
}

std::map<day_key, oracle_day>
rank_open_days(const partitioned_stream& stream, const day_calendar& calendar,
               const score_weights& weights, size_t list_size,
               size_t reserve_size) {
  std::map<int64_t, article_facts> facts;
  for (const auto& partition : stream.partitions) {
    for (const auto& msg : partition) {
      if (!msg.ev)
        continue;
      const auto& ev = *msg.ev;
      auto& a = facts[ev.article.value()];
      if (!is_article_event(ev.type)) {
        a.counts.push_back(&msg);
        continue;
      }
      a.day = ev.created_at.date();
      if (ev.type == event_type::article_deleted) {
        a.deleted = true;
      } else {
        a.known = true;
        if (ev.id.value() > a.title_version) {
          a.title_version = ev.id.value();
          a.title = ev.title;
        }
      }
    }
  }
  std::map<day_key, std::vector<oracle_entry>> ranked;
  for (const auto& [id, a] : facts) {
    if (!a.day || !a.known || a.deleted)
      continue;
    auto end = calendar.end_of(*a.day);
    auto seal = calendar.seal_of(*a.day);
    std::array<int64_t, count_kind_count> versions{};
    std::array<int64_t, count_kind_count> counts{};
    for (const auto* msg : a.counts) {
      const auto& ev = *msg->ev;
      auto k = static_cast<size_t>(*count_kind_of(ev.type));
      if (ev.time() < end && msg->published < seal
          && ev.id.value() > versions[k]) {
        versions[k] = ev.id.value();
        counts[k] = ev.count;
      }
    }
    auto score = counts[0] * weights.likes + counts[1] * weights.comments
                 + counts[2] * weights.views;
    if (score > 0)
      ranked[*a.day].push_back(
        oracle_entry{id, score, a.title, a.title_version});
  }
  std::map<day_key, oracle_day> out;
  for (auto& [day, entries] : ranked) {
    std::sort(entries.begin(), entries.end(), ranks_first);
    auto& d = out[day];
    for (size_t i = 0; i < entries.size() && i < list_size + reserve_size; ++i)
      (i < list_size ? d.list : d.reserve).push_back(entries[i]);
  }
  return out;
}

std::map<day_key, size_t> late_deletes(const partitioned_stream& stream,
                                       const day_calendar& calendar) {
  std::map<day_key, size_t> out;
  for (const auto& partition : stream.partitions)
    for (const auto& msg : partition)
      if (msg.ev && msg.ev->type == event_type::article_deleted) {
        auto day = msg.ev->created_at.date();
        if (msg.published >= calendar.seal_of(day))
          ++out[day];
      }
  return out;
}

void apply_after_seal(std::map<day_key, oracle_day>& days,
                      const partitioned_stream& stream, size_t list_size) {
  std::set<std::pair<day_key, int64_t>> deleted;
  std::map<std::pair<day_key, int64_t>, const event*> newest_title;
  for (const auto& partition : stream.partitions) {
    for (const auto& msg : partition) {
      if (!msg.ev)
        continue;
      const auto& ev = *msg.ev;
      auto key = std::make_pair(ev.created_at.date(), ev.article.value());
      if (ev.type == event_type::article_deleted)
        deleted.insert(key);
      if (ev.type == event_type::article_updated) {
        auto& best = newest_title[key];
        if (best == nullptr || ev.id > best->id)
          best = &ev;
      }
    }
  }
  for (auto& [day, d] : days) {
    std::vector<oracle_entry> all = d.list;
    all.insert(all.end(), d.reserve.begin(), d.reserve.end());
    std::vector<oracle_entry> kept;
    for (auto& e : all) {
      if (deleted.count({day, e.id}))
        continue;
      if (auto it = newest_title.find({day, e.id});
          it != newest_title.end()
          && it->second->id.value() > e.title_version) {
        e.title = it->second->title;
        e.title_version = it->second->id.value();
      }
      kept.push_back(e);
    }
    std::sort(kept.begin(), kept.end(), ranks_first);
    d.list.assign(kept.begin(), kept.begin()
                                  + static_cast<std::ptrdiff_t>(
                                    std::min(list_size, kept.size())));
    d.reserve.assign(kept.begin() + static_cast<std::ptrdiff_t>(d.list.size()),
                     kept.end());
  }
}

} // namespace hot::test
