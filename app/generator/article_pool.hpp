// The simulated board's articles: their truth, and who gets the traffic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/generator/sim_random.hpp"
#include "app/generator/weighted_sampler.hpp"
#include "messages/ids.hpp"
#include "messages/local_datetime.hpp"

namespace hot::gen {

/// One like that has not been taken back.
struct like_record {
  int64_t like_id = 0;
  int64_t user_id = 0;
};

/// One comment that has not been deleted.
struct comment_record {
  int64_t comment_id = 0;
  int64_t writer_id = 0;
  std::string path;
  std::string content;
};

/// What the platform's services hold for one article: the values every
/// event about it must agree with.
struct article_truth {
  article_id id;
  board_id board;
  int64_t writer_id = 0;
  std::string title;
  std::string content;
  local_datetime created_at;
  local_datetime modified_at;
  int64_t likes = 0;
  int64_t comments = 0;
  int64_t views = 0;
  bool deleted = false;
  std::vector<like_record> live_likes;
  std::vector<comment_record> live_comments;
  uint32_t root_comments = 0; // numbers the top-level comment paths
  uint32_t replies = 0;       // numbers the reply path chunks
};

/// Holds the newest `window` articles and draws one with probability
/// proportional to appeal × 2^(age / half_life), age counted in articles
/// created since. Appeal is heavy-tailed, so a few articles take most of
/// the traffic; the decay moves the traffic on to new ones.
class article_pool {
public:
  article_pool(size_t window, double half_life);

  /// Stores a new article. When the window is full the oldest article is
  /// evicted: it gets no further events, as old articles go quiet.
  article_truth& add(article_truth article, double appeal);

  /// A live article drawn by weight, or nullptr when none is live.
  article_truth* pick(sim_random& random);

  /// A live article among the newest `span`, each equally likely, or
  /// nullptr after a few misses (deleted ones).
  article_truth* pick_recent(sim_random& random, uint64_t span);

  /// Marks the article deleted: it is never drawn again.
  void remove(article_truth& article);

  /// The article if it is still in the window (deleted ones included).
  const article_truth* find(article_id id) const;

  size_t live() const {
    return live_;
  }

  uint64_t added() const {
    return added_;
  }

private:
  struct slot {
    std::optional<article_truth> article;
    double appeal = 0;
    uint64_t serial = 0;
  };

  double recency_weight(const slot& s) const;

  std::vector<slot> slots_;
  weighted_sampler sampler_;
  std::unordered_map<article_id, size_t> index_;
  double half_life_;
  uint64_t added_ = 0;
  uint64_t base_serial_ = 0; // weights are relative to this article
  size_t live_ = 0;
};

} // namespace hot::gen
