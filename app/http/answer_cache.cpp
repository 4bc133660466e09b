// Rendered HTTP answers, kept for a moment.
#include "app/http/answer_cache.hpp"

namespace hot {

namespace {

/// Keys no longer asked for (days gone by) are dropped past this many.
constexpr size_t max_entries = 256;

} // namespace

answer_cache::answer_cache(std::chrono::milliseconds ttl) : ttl_(ttl) {
}

std::shared_ptr<const std::string> answer_cache::find(const std::string& key) {
  if (ttl_.count() <= 0)
    return nullptr;
  std::lock_guard<std::mutex> guard{mutex_};
  auto it = entries_.find(key);
  if (it == entries_.end() || clock::now() - it->second.rendered >= ttl_)
    return nullptr;
  return it->second.body;
}

void answer_cache::store(const std::string& key,
                         std::shared_ptr<const std::string> body) {
  if (ttl_.count() <= 0)
    return;
  std::lock_guard<std::mutex> guard{mutex_};
  if (entries_.size() >= max_entries && entries_.count(key) == 0)
    entries_.clear();
  entries_[key] = entry{clock::now(), std::move(body)};
}

} // namespace hot
