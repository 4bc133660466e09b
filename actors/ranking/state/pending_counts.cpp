// Counts that arrived before their article's creation, waiting for it.
#include "actors/ranking/state/pending_counts.hpp"

#include <algorithm>

namespace hot {

namespace {

/// A burst of one kind of count for one unknown article beyond this keeps
/// only the newest. Per kind: dropping the only comment count to make room
/// for likes would lose it for good.
constexpr size_t max_per_kind = 64;

} // namespace

pending_counts::pending_counts(size_t limit, std::chrono::milliseconds ttl)
  : limit_(limit), ttl_(ttl) {
}

bool pending_counts::keep(article_id article, const entry& e) {
  auto& waiting = by_article_[article];
  size_t same_kind = 0;
  for (const auto& t : waiting) {
    if (t.e.kind == e.kind && t.e.id == e.id)
      return false;
    same_kind += t.e.kind == e.kind ? 1 : 0;
  }
  if (same_kind >= max_per_kind) {
    waiting.erase(
      std::find_if(waiting.begin(), waiting.end(),
                   [&](const tagged& t) { return t.e.kind == e.kind; }));
    --count_;
    ++dropped_;
  }
  auto seq = ++next_seq_;
  waiting.push_back(tagged{seq, e});
  order_.push_back(reference{article, seq, e.waits_from});
  ++count_;
  while (count_ > limit_ && !order_.empty())
    drop_front();
  compact();
  return true;
}

std::vector<pending_counts::entry> pending_counts::take(article_id article) {
  std::vector<entry> out;
  auto it = by_article_.find(article);
  if (it == by_article_.end())
    return out;
  for (const auto& t : it->second)
    out.push_back(t.e);
  count_ -= it->second.size();
  by_article_.erase(it);
  return out;
}

void pending_counts::forget(article_id article) {
  take(article);
}

void pending_counts::expire(instant stream_time) {
  auto cutoff = stream_time - ttl_;
  while (!order_.empty() && order_.front().waits_from < cutoff)
    drop_front();
}

size_t pending_counts::waiting_for(article_id article) const {
  auto it = by_article_.find(article);
  return it == by_article_.end() ? 0 : it->second.size();
}

// Drops the event the oldest reference points to; false when that
// reference was stale (its event already taken or dropped).
bool pending_counts::drop_front() {
  auto ref = order_.front();
  order_.pop_front();
  auto it = by_article_.find(ref.article);
  if (it == by_article_.end() || it->second.front().seq != ref.seq)
    return false;
  it->second.erase(it->second.begin());
  if (it->second.empty())
    by_article_.erase(it);
  --count_;
  ++dropped_;
  return true;
}

void pending_counts::compact() {
  // Sweep stale references once they outnumber the live ones, so the queue
  // stays proportional to what waits.
  if (order_.size() < 1024 || order_.size() < 2 * count_)
    return;
  std::deque<reference> live;
  for (const auto& ref : order_) {
    auto it = by_article_.find(ref.article);
    if (it == by_article_.end())
      continue;
    for (const auto& t : it->second)
      if (t.seq == ref.seq) {
        live.push_back(ref);
        break;
      }
  }
  order_.swap(live);
}

} // namespace hot
