// Messages held in memory as a message feed: for measuring the pipeline
// without a broker in the way.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "actors/kafka/message_feed.hpp"

namespace hot {

/// A message of a stored partition; its offset is its index.
struct stored_message {
  int64_t timestamp_ms = -1;
  std::string_view key;
  std::string_view value;
};

/// A partition's messages back to back in one buffer, as a broker's log
/// segment and a consumer's fetch buffer hold them.
class stored_partition {
public:
  /// `bytes_hint`: the expected total size of keys and values.
  explicit stored_partition(size_t bytes_hint = 0);

  void append(int64_t timestamp_ms, std::string_view key,
              std::string_view value);

  size_t size() const {
    return messages_.size();
  }

  const stored_message& operator[](size_t offset) const {
    return messages_[offset];
  }

private:
  // Chunks never move once filled, so the views into them stay valid.
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t chunk_size_;
  size_t used_;
  std::vector<stored_message> messages_;
};

/// Hands out a shared, immutable log from the first offset on, as fast as
/// the partition asks. Pausing only counts: there is no fetcher to stop.
class memory_feed final : public message_feed {
public:
  explicit memory_feed(std::shared_ptr<const stored_partition> log);

  size_t consume(size_t max, const visitor& each) override;

  caf::error pause(bool paused) override;

  std::optional<feed_position> position() override;

  size_t pauses() const {
    return pauses_;
  }

private:
  std::shared_ptr<const stored_partition> log_;
  size_t next_ = 0;
  size_t pauses_ = 0;
};

} // namespace hot
