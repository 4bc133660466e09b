// An owned group consumer: subscribe, poll, assign and commit, and one
// close that comes before the handle is destroyed.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <caf/error.hpp>
#include <caf/expected.hpp>

#include "actors/kafka/kafka_handles.hpp"

namespace hot {

/// librdkafka's group callbacks and the pointer they are handed. They run
/// inside `poll`, `close` and `unsubscribe`, on the polling thread.
struct consumer_callbacks {
  void* opaque = nullptr;
  void (*on_rebalance)(rd_kafka_t*, rd_kafka_resp_err_t,
                       rd_kafka_topic_partition_list_t*, void*)
    = nullptr;
  void (*on_commit)(rd_kafka_t*, rd_kafka_resp_err_t,
                    rd_kafka_topic_partition_list_t*, void*)
    = nullptr;
  void (*on_error)(rd_kafka_t*, int, const char*, void*) = nullptr;
  /// A statistics document (`statistics.interval.ms`); librdkafka frees it.
  int (*on_stats)(rd_kafka_t*, char*, size_t, void*) = nullptr;
};

/// Owns a consumer handle. Leaving the group (`close`) must come before
/// the handle goes, and partition queues must go before either: the
/// destructor closes when nobody did, and queues handed out belong to the
/// caller, who destroys them first.
class kafka_consumer {
public:
  kafka_consumer() = default;

  static caf::expected<kafka_consumer>
  open(const std::map<std::string, std::string>& properties,
       const consumer_callbacks& callbacks);

  kafka_consumer(kafka_consumer&& other) noexcept;
  /// Closes this consumer first, if it is one.
  kafka_consumer& operator=(kafka_consumer&& other) noexcept;
  kafka_consumer(const kafka_consumer&) = delete;
  kafka_consumer& operator=(const kafka_consumer&) = delete;

  ~kafka_consumer();

  caf::error subscribe(const std::vector<std::string>& topics);

  /// Revokes everything through the rebalance callback at the next poll.
  void unsubscribe();

  /// Serves callbacks for up to `timeout`; a message only when one was
  /// left on the main queue (partitions read from queues of their own).
  kafka_message poll(std::chrono::milliseconds timeout);

  /// Calls `on_filled(client, opaque)`, on a librdkafka thread, each time
  /// the consumer's queue (callbacks, errors) turns from empty to not
  /// empty, so its owner can poll without blocking. Only a queue polled
  /// until empty fires again. `close` stops it first.
  void watch_events(void (*on_filled)(rd_kafka_t*, void*), void* opaque);

  /// Leaves the group. Idempotent.
  void close();

  bool is_closed() const {
    return closed_;
  }

  /// The group's rebalance protocol is COOPERATIVE (incremental).
  bool cooperative() const;

  /// Takes `parts` (with their start offsets) into the assignment, as the
  /// group's protocol wants it.
  caf::error assign(rd_kafka_topic_partition_list_t* parts);

  /// Gives `parts` back: only those under COOPERATIVE, everything under
  /// EAGER.
  caf::error unassign(rd_kafka_topic_partition_list_t* parts);

  /// Whether the group still gives this member `topic`/`partition`: it is
  /// in the assignment, and the assignment was not lost (a member the
  /// group dropped learns that at its next heartbeat).
  bool still_assigned(const std::string& topic, int32_t partition) const;

  /// Moves the fetch position of assigned `parts` to their offsets.
  caf::error seek(const rd_kafka_topic_partition_list_t& parts,
                  std::chrono::milliseconds timeout);

  /// Commits `offsets`; `async` reports through the commit callback.
  caf::error commit(const rd_kafka_topic_partition_list_t& offsets, bool async);

  /// A queue of one partition's messages, detached from the main queue so
  /// it can be read on its own.
  kafka_queue partition_queue(const std::string& topic, int32_t partition);

  /// Every partition of `topic`, from the brokers' metadata.
  caf::expected<std::vector<int32_t>>
  partitions_of(const std::string& topic, std::chrono::milliseconds timeout);

  /// For the calls that take the client: feeds, offset lookups.
  rd_kafka_t* handle() const {
    return client_.get();
  }

private:
  explicit kafka_consumer(kafka_client client);

  kafka_client client_;
  /// The consumer's queue while watched; it goes before the client.
  kafka_queue events_;
  bool closed_ = false;
};

} // namespace hot
