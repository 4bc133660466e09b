// Counts that arrived before their article's creation, waiting for it.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "messages/event.hpp"

namespace hot {

/// Events of unknown articles, kept until the article is known: bounded in
/// total (the oldest go first), bounded per article and kind (a newer
/// absolute count supersedes an older one), and expiring once the stream
/// time passes by `ttl` the later of their Kafka timestamp and the stream
/// time they arrived at.
class pending_counts {
public:
  struct entry {
    count_kind kind;
    int64_t count;
    event_id id;
    instant published;
    /// What the ttl runs from: the later of `published` and the stream
    /// time the count arrived at. A count that arrives already a ttl
    /// behind still waits a ttl for its article, so whether it finds it
    /// does not hang on where the pull it came in ends.
    instant waits_from;
  };

  pending_counts(size_t limit, std::chrono::milliseconds ttl);

  /// False when the same event is already waiting.
  bool keep(article_id article, const entry& e);

  /// Everything waiting for `article`, oldest first; it waits no more.
  std::vector<entry> take(article_id article);

  /// The article was deleted: its counts can never score.
  void forget(article_id article);

  /// Drops events whose wait began before `stream_time - ttl`.
  void expire(instant stream_time);

  size_t size() const {
    return count_;
  }

  size_t waiting_for(article_id article) const;

  /// Dropped for a limit or expired, since the start.
  uint64_t dropped() const {
    return dropped_;
  }

private:
  struct tagged {
    uint64_t seq;
    entry e;
  };

  struct reference {
    article_id article;
    uint64_t seq;
    instant waits_from;
  };

  bool drop_front();
  void compact();

  size_t limit_;
  std::chrono::milliseconds ttl_;
  std::unordered_map<article_id, std::vector<tagged>> by_article_;
  /// Insertion order; references to events already taken stay behind
  /// until compaction.
  std::deque<reference> order_;
  size_t count_ = 0;
  uint64_t next_seq_ = 0;
  uint64_t dropped_ = 0;
};

} // namespace hot
