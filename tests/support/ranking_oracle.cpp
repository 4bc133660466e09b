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
  /// The board of the newest article event, as the title.
  int64_t board = 0;
  std::vector<const stream_message*> counts;
};

std::map<int64_t, article_facts> facts_of(const partitioned_stream& stream) {
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
          a.board = ev.board.value();
        }
      }
    }
  }
  return facts;
}

// The article's score by the rules, 0 when nothing counts.
int64_t score_of(const article_facts& a, const day_calendar& calendar,
                 const score_weights& weights) {
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
  return counts[0] * weights.likes + counts[1] * weights.comments
         + counts[2] * weights.views;
}

template <class Key>
std::map<Key, oracle_day>
cut_lists(std::map<Key, std::vector<oracle_entry>> ranked, size_t list_size,
          size_t reserve_size) {
  std::map<Key, oracle_day> out;
  for (auto& [key, entries] : ranked) {
    std::sort(entries.begin(), entries.end(), ranks_first);
    auto& d = out[key];
    for (size_t i = 0; i < entries.size() && i < list_size + reserve_size; ++i)
      (i < list_size ? d.list : d.reserve).push_back(entries[i]);
  }
  return out;
}

struct after_seal_edits {
  std::set<std::pair<day_key, int64_t>> deleted;
  std::map<std::pair<day_key, int64_t>, const event*> newest_title;
};

after_seal_edits edits_of(const partitioned_stream& stream) {
  after_seal_edits out;
  for (const auto& partition : stream.partitions) {
    for (const auto& msg : partition) {
      if (!msg.ev)
        continue;
      const auto& ev = *msg.ev;
      auto key = std::make_pair(ev.created_at.date(), ev.article.value());
      if (ev.type == event_type::article_deleted)
        out.deleted.insert(key);
      if (ev.type == event_type::article_updated) {
        auto& best = out.newest_title[key];
        if (best == nullptr || ev.id > best->id)
          best = &ev;
      }
    }
  }
  return out;
}

// `board`: the board of the list edited, if it is a board's.
void apply_edits(day_key day, oracle_day& d, const after_seal_edits& edits,
                 size_t list_size, std::optional<int64_t> board = {}) {
  std::vector<oracle_entry> all = d.list;
  all.insert(all.end(), d.reserve.begin(), d.reserve.end());
  std::vector<oracle_entry> kept;
  for (auto& e : all) {
    if (edits.deleted.count({day, e.id}))
      continue;
    if (auto it = edits.newest_title.find({day, e.id});
        it != edits.newest_title.end()
        && it->second->id.value() > e.title_version) {
      // Moved to another board after the seal: it leaves this one.
      if (board && it->second->board.value() != *board)
        continue;
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
  std::map<day_key, std::vector<oracle_entry>> ranked;
  for (const auto& [id, a] : facts_of(stream)) {
    if (!a.day || !a.known || a.deleted)
      continue;
    auto score = score_of(a, calendar, weights);
    if (score > 0)
      ranked[*a.day].push_back(
        oracle_entry{id, score, a.title, a.title_version});
  }
  return cut_lists(std::move(ranked), list_size, reserve_size);
}

oracle_boards rank_open_boards(const partitioned_stream& stream,
                               const day_calendar& calendar,
                               const score_weights& weights, size_t list_size,
                               size_t reserve_size) {
  std::map<board_day, std::vector<oracle_entry>> ranked;
  oracle_boards out;
  for (const auto& [id, a] : facts_of(stream)) {
    if (!a.day || !a.known || a.deleted)
      continue;
    board_day key{*a.day, a.board};
    ++out.live[key];
    auto score = score_of(a, calendar, weights);
    if (score > 0)
      ranked[key].push_back(oracle_entry{id, score, a.title, a.title_version});
  }
  out.lists = cut_lists(std::move(ranked), list_size, reserve_size);
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
  auto edits = edits_of(stream);
  for (auto& [day, d] : days)
    apply_edits(day, d, edits, list_size);
}

void apply_after_seal(oracle_boards& boards, const partitioned_stream& stream,
                      size_t list_size) {
  auto edits = edits_of(stream);
  for (auto& [key, d] : boards.lists)
    apply_edits(key.first, d, edits, list_size, key.second);
}

} // namespace hot::test
