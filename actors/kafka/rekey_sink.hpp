// Where a source partition's valid events go: copies keyed by article in the
// internal topic, each batch answered once every copy is acknowledged.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "actors/kafka/kafka_producer.hpp"
#include "messages/by_article.hpp"
#include "messages/day_calendar.hpp"
#include "messages/interfaces.hpp"

namespace hot {

/// The internal topic and the producer shared by every source partition.
struct rekey_target {
  std::shared_ptr<kafka_producer> producer;
  std::string topic;
  int32_t partitions = 12;
  /// How often each source partition sends its stream time to every
  /// internal partition.
  std::chrono::milliseconds watermark_interval = std::chrono::seconds{1};
  /// Set: each pull's copies are compacted by this calendar's day cuts
  /// (see `surviving_copies`). Empty: every valid event is copied.
  std::optional<day_calendar> compaction;
};

/// Copies of one pull, counted down by delivery reports. The last report
/// (or `finish`, if every report came first) tells the partition actor.
class rekey_sink {
public:
  rekey_sink(rekey_target target, partition_actor owner);

  /// Produces `value` (the event's internal record), keyed by `article`,
  /// to the article's internal partition, stamped `timestamp_ms` (the
  /// original stamp).
  caf::error copy(article_id article, std::string_view value,
                  int64_t timestamp_ms);

  /// Copies produced since the last `finish`.
  uint32_t pending() const;

  /// Closes the batch as `seq` of the owner's offset tracker; returns how
  /// many copies it holds. The owner gets `delivered_atom, seq, copies,
  /// failed` once all are acknowledged (never for an empty batch).
  uint32_t finish(uint64_t seq);

  /// Sends `mark` to every internal partition, after every copy produced
  /// before it (the idempotent producer keeps each partition's order).
  caf::error send_watermark(const source_watermark& mark);

  const rekey_target& target() const {
    return target_;
  }

  /// The producer's delivery handler for these copies.
  static void on_delivery(const rd_kafka_message_t& report);

private:
  struct ticket;

  caf::error produce(produce_request& request);

  rekey_target target_;
  partition_actor owner_;
  ticket* open_ = nullptr;
};

} // namespace hot
