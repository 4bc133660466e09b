// Rendered HTTP answers, kept for a moment.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace hot {

/// Bodies of list answers by route and day, each fresh for `ttl` after it
/// was rendered. Rankings are written at most every flush interval, so a
/// busy route then costs one Redis read and one rendering per `ttl`
/// instead of one per request. Thread-safe; a ttl of zero keeps nothing.
class answer_cache {
public:
  explicit answer_cache(std::chrono::milliseconds ttl);

  /// The body stored under `key`, while it is fresh.
  std::shared_ptr<const std::string> find(const std::string& key);

  void store(const std::string& key, std::shared_ptr<const std::string> body);

private:
  using clock = std::chrono::steady_clock;

  struct entry {
    clock::time_point rendered;
    std::shared_ptr<const std::string> body;
  };

  std::chrono::milliseconds ttl_;
  std::mutex mutex_;
  std::map<std::string, entry> entries_;
};

} // namespace hot
