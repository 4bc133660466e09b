// Which of one pull's events a source partition needs to copy.
#include "actors/kafka/copy_compaction.hpp"

#include <algorithm>
#include <tuple>

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

  auto tied() const {
    return std::tie(article, kind, day, sealed);
  }
};

/// A count and its group; sorted, a group's members lie together in
/// offset order. A sort, not a hash map: no allocation per event.
struct keyed_count {
  group_key key;
  size_t index;

  friend bool operator<(const keyed_count& a, const keyed_count& b) {
    auto x = a.key.tied();
    auto y = b.key.tied();
    return x < y || (x == y && a.index < b.index);
  }
};

} // namespace

std::vector<surviving_copy>
surviving_copies(const std::vector<copy_candidate>& candidates,
                 const day_calendar& calendar) {
  day_cuts cuts{calendar};
  std::vector<keyed_count> counts;
  counts.reserve(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    const auto& c = candidates[i];
    if (auto kind = count_kind_of(c.type))
      counts.push_back(
        keyed_count{group_key{c.article, *kind,
                              cuts.day_of(snowflake_instant(c.id.value())),
                              cuts.sealed_at(c.published)},
                    i});
  }
  std::sort(counts.begin(), counts.end());
  std::vector<bool> kept(candidates.size(), true);
  std::vector<instant> stamp(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i)
    stamp[i] = candidates[i].published;
  for (size_t from = 0; from < counts.size();) {
    auto to = from + 1;
    while (to < counts.size()
           && counts[to].key.tied() == counts[from].key.tied())
      ++to;
    // The highest id wins; on equal ids the first in offset order.
    auto best = counts[from].index;
    auto newest = candidates[best].published;
    for (auto k = from + 1; k < to; ++k) {
      auto i = counts[k].index;
      newest = std::max(newest, candidates[i].published);
      if (candidates[i].id > candidates[best].id) {
        kept[best] = false;
        best = i;
      } else {
        kept[i] = false;
      }
    }
    stamp[best] = newest;
    from = to;
  }
  std::vector<surviving_copy> out;
  out.reserve(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i)
    if (kept[i])
      out.push_back(surviving_copy{i, stamp[i]});
  return out;
}

} // namespace hot
