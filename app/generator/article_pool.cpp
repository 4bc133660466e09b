// The simulated board's articles: their truth, and who gets the traffic.
#include "app/generator/article_pool.hpp"

#include <algorithm>
#include <cmath>

namespace hot::gen {

namespace {

/// Weights grow by 2^(1/half_life) per article; rebasing every 512
/// half-lives keeps them far from overflow.
constexpr double max_exponent = 512;

} // namespace

article_pool::article_pool(size_t window, double half_life)
  : slots_(window), sampler_(window), half_life_(half_life) {
}

double article_pool::recency_weight(const slot& s) const {
  auto age = static_cast<double>(s.serial) - static_cast<double>(base_serial_);
  return s.appeal * std::exp2(age / half_life_);
}

article_truth& article_pool::add(article_truth article, double appeal) {
  auto serial = added_++;
  auto shift = static_cast<double>(serial - base_serial_) / half_life_;
  if (shift > max_exponent) {
    // Every weight shares the base, so rescaling them keeps the odds.
    sampler_.scale(std::exp2(-shift));
    base_serial_ = serial;
  }
  auto index = static_cast<size_t>(serial % slots_.size());
  auto& s = slots_[index];
  if (s.article) {
    index_.erase(s.article->id);
    if (!s.article->deleted)
      --live_;
  }
  s.article = std::move(article);
  s.appeal = appeal;
  s.serial = serial;
  index_[s.article->id] = index;
  sampler_.set(index, recency_weight(s));
  ++live_;
  return *s.article;
}

article_truth* article_pool::pick(sim_random& random) {
  if (live_ == 0)
    return nullptr;
  // Rounding drift can leave a sliver of weight on a deleted slot; a few
  // redraws get past it.
  for (int attempt = 0; attempt < 8; ++attempt) {
    auto index = sampler_.find(random.unit() * sampler_.total());
    auto& s = slots_[index];
    if (s.article && !s.article->deleted && sampler_.weight(index) > 0)
      return &*s.article;
  }
  return nullptr;
}

article_truth* article_pool::pick_recent(sim_random& random, uint64_t span) {
  span = std::min({span, added_, uint64_t{slots_.size()}});
  if (span == 0)
    return nullptr;
  for (int attempt = 0; attempt < 8; ++attempt) {
    auto serial = added_ - 1 - random.below(span);
    auto& s = slots_[static_cast<size_t>(serial % slots_.size())];
    if (s.article && !s.article->deleted)
      return &*s.article;
  }
  return nullptr;
}

void article_pool::remove(article_truth& article) {
  auto found = index_.find(article.id);
  if (found == index_.end() || article.deleted)
    return;
  article.deleted = true;
  // Its likes and comments are gone with it; only the counts stay.
  article.live_likes = {};
  article.live_comments = {};
  sampler_.set(found->second, 0.0);
  --live_;
}

const article_truth* article_pool::find(article_id id) const {
  auto found = index_.find(id);
  if (found == index_.end())
    return nullptr;
  return &*slots_[found->second].article;
}

} // namespace hot::gen
