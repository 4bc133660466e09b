// Messages held in memory as a message feed.
#include "sim/memory_feed.hpp"

#include <algorithm>

namespace hot {

namespace {

constexpr size_t min_chunk = 1 << 20;

} // namespace

stored_partition::stored_partition(size_t bytes_hint)
  : chunk_size_(std::max(min_chunk, bytes_hint)), used_(chunk_size_) {
}

void stored_partition::append(int64_t timestamp_ms, std::string_view key,
                              std::string_view value) {
  auto need = key.size() + value.size();
  if (used_ + need > chunk_size_) {
    chunk_size_ = std::max(chunk_size_, need);
    chunks_.push_back(std::make_unique<char[]>(chunk_size_));
    used_ = 0;
  }
  auto* at = chunks_.back().get() + used_;
  std::copy(key.begin(), key.end(), at);
  std::copy(value.begin(), value.end(), at + key.size());
  used_ += need;
  messages_.push_back(stored_message{
    timestamp_ms, {at, key.size()}, {at + key.size(), value.size()}});
}

memory_feed::memory_feed(std::shared_ptr<const stored_partition> log)
  : log_(std::move(log)) {
}

size_t memory_feed::consume(size_t max, const visitor& each) {
  auto end = std::min(log_->size(), next_ + max);
  auto first = next_;
  for (; next_ < end; ++next_) {
    const auto& stored = (*log_)[next_];
    raw_message out;
    out.offset = static_cast<int64_t>(next_);
    out.timestamp_ms = stored.timestamp_ms;
    out.key = stored.key;
    out.value = stored.value;
    each(out);
  }
  return end - first;
}

caf::error memory_feed::pause(bool paused) {
  if (paused)
    ++pauses_;
  return {};
}

std::optional<feed_position> memory_feed::position() {
  auto size = static_cast<int64_t>(log_->size());
  return feed_position{0, size, static_cast<int64_t>(next_) >= size};
}

} // namespace hot
