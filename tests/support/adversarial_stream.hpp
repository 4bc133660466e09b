// Random board traffic that tries every hard case of the ranking rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "messages/day_calendar.hpp"
#include "messages/event.hpp"
#include "messages/pipeline_messages.hpp"

namespace hot::test {

/// One Kafka message as a partition delivers it.
struct stream_message {
  partition_ref partition;
  std::string value;       // the reference JSON, or garbage
  instant published;       // the Kafka timestamp
  std::optional<event> ev; // what the value says, when it is valid
};

/// Per partition, messages in offset order. Across partitions there is no
/// order: whoever feeds them picks the interleaving.
struct partitioned_stream {
  std::vector<std::vector<stream_message>> partitions;

  size_t size() const;

  /// The source partitions that hold messages.
  std::vector<partition_ref> sources() const;

  /// The first `share` of every partition's messages, and the rest.
  std::pair<partitioned_stream, partitioned_stream> split(double share) const;
};

struct adversarial_stream {
  /// Traffic of two open days: creations, updates, deletes, likes and
  /// unlikes, comments and their deletes, views, with duplicates, outbox
  /// retries published late, counts before their article, ties, events
  /// after the day's end or published after its seal, and bad messages.
  partitioned_stream open_days;
  /// Traffic published after both days are sealed: deletes, title updates
  /// (newer and stale), late counts, a creation for a sealed day.
  partitioned_stream after_seal;
};

/// `articles`: how many articles to plan (0: between 15 and 45).
adversarial_stream
make_adversarial_stream(uint64_t seed, const day_calendar& calendar,
                        day_key first_day, size_t articles = 0);

} // namespace hot::test
