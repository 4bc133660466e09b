// Which of one pull's events a source partition needs to copy.
#include "actors/kafka/copy_compaction.hpp"

#include <tuple>
#include <unordered_map>

namespace hot {

namespace {

/// The two day cuts of a count, asked of the calendar once per day seen:
/// a pull spans minutes, and a time zone lookup costs more than the rest.
class day_cuts {
public:
  explicit day_cuts(const day_calendar& calendar) : calendar_(calendar) {
  }

  /// The local day of `t`: a count is beyond the day of every article
  /// created before it.
  day_key day_of(instant t) {
    if (!(day_.valid && t >= day_.from && t < day_.to)) {
      auto day = calendar_.day_at(t);
      day_ = {true, calendar_.start_of(day), calendar_.end_of(day), day};
    }
    return day_.key;
  }

  /// The newest day sealed at `published`: a count is late for it and
  /// every day before.
  day_key sealed_at(instant published) {
    if (!(sealed_.valid && published >= sealed_.from
          && published < sealed_.to)) {
      auto day = calendar_.last_sealed_at(published);
      sealed_ = {true, calendar_.seal_of(day), calendar_.seal_of(day.next()),
                 day};
    }
    return sealed_.key;
  }

private:
  struct span {
    bool valid = false;
    instant from;
    instant to;
    day_key key;
  };

  const day_calendar& calendar_;
  span day_;
  span sealed_;
};

struct group_key {
  article_id article;
  count_kind kind;
  day_key day;
  day_key sealed;

  friend bool operator==(const group_key& a, const group_key& b) {
    return std::tie(a.article, a.kind, a.day, a.sealed)
           == std::tie(b.article, b.kind, b.day, b.sealed);
  }
};

struct group_hash {
  size_t operator()(const group_key& k) const noexcept {
    auto h = std::hash<int64_t>{}(k.article.value());
    h ^= (static_cast<size_t>(k.kind) + 1) * 0x9e3779b97f4a7c15ull;
    h ^= std::hash<int64_t>{}((int64_t{k.day.value()} << 32) ^ k.sealed.value())
         + (h << 6) + (h >> 2);
    return h;
  }
};

/// The best count of a group so far and the newest stamp among its members.
struct group_best {
  size_t index;
  instant published;
};

} // namespace

std::vector<surviving_copy>
surviving_copies(const std::vector<copy_candidate>& candidates,
                 const day_calendar& calendar) {
  constexpr auto no_group = static_cast<size_t>(-1);
  day_cuts cuts{calendar};
  std::unordered_map<group_key, size_t, group_hash> group_by_key;
  std::vector<group_best> groups;
  std::vector<size_t> group_of(candidates.size(), no_group);
  for (size_t i = 0; i < candidates.size(); ++i) {
    const auto& c = candidates[i];
    auto kind = count_kind_of(c.type);
    if (!kind)
      continue;
    group_key key{c.article, *kind,
                  cuts.day_of(snowflake_instant(c.id.value())),
                  cuts.sealed_at(c.published)};
    auto [it, first] = group_by_key.try_emplace(key, groups.size());
    group_of[i] = it->second;
    if (first) {
      groups.push_back(group_best{i, c.published});
      continue;
    }
    auto& g = groups[it->second];
    g.published = std::max(g.published, c.published);
    if (c.id > candidates[g.index].id)
      g.index = i;
  }
  std::vector<surviving_copy> out;
  out.reserve(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (group_of[i] == no_group) {
      out.push_back(surviving_copy{i, candidates[i].published});
      continue;
    }
    const auto& g = groups[group_of[i]];
    if (g.index == i)
      out.push_back(surviving_copy{i, g.published});
  }
  return out;
}

} // namespace hot
