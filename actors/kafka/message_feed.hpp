// Where a partition actor's messages come from: a librdkafka partition
// queue in the daemon, memory in benchmarks. Everything from decoding on is
// the same code either way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include <caf/error.hpp>

namespace hot {

/// One message as it enters the pipeline. The views stay valid only while
/// the visitor that receives them runs.
struct raw_message {
  int64_t offset = -1;
  /// Milliseconds since the epoch; negative when the broker keeps none.
  int64_t timestamp_ms = -1;
  std::string_view key;
  std::string_view value;
  /// A transport error in place of a message (then only offset is set).
  std::string_view error;
};

/// The partition's bounds as the broker sees them, and whether anything
/// fetched is still waiting locally.
struct feed_position {
  int64_t low = -1;
  int64_t high = -1;
  bool locally_empty = true;
  /// The partition's fetches come back, so `high` is current; false while
  /// they stall.
  bool fetching = true;
};

class message_feed {
public:
  using visitor = std::function<void(const raw_message&)>;

  virtual ~message_feed() = default;

  /// Hands up to `max` waiting messages to `each` without blocking;
  /// returns how many it handed over.
  virtual size_t consume(size_t max, const visitor& each) = 0;

  /// Stops or resumes fetching (backpressure).
  virtual caf::error pause(bool paused) = 0;

  /// None when the bounds are unknown right now.
  virtual std::optional<feed_position> position() = 0;
};

} // namespace hot
