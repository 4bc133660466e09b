// The brokers, topics and consumer tunables; documented defaults.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hot {

using namespace std::chrono_literals;

struct kafka_settings {
  /// Empty: the embedded mock cluster.
  std::string brokers;
  std::string group_id = "hot-article";
  std::string article_topic = "board-article";
  std::string comment_topic = "board-comment";
  std::string like_topic = "board-like";
  std::string view_topic = "board-view";
  /// Passed to librdkafka unchanged (kafka.property.<name> = value).
  std::map<std::string, std::string> properties;
  /// Events in flight per partition before it is paused.
  uint32_t max_in_flight = 20'000;
  /// Messages taken from a partition queue per pull.
  uint32_t batch_size = 2'000;
  /// How often committable offsets are committed.
  std::chrono::milliseconds commit_interval = 2s;
  /// A caught-up partition's stream time trails the wall clock by this.
  /// It must cover the oldest stamp a producer may still deliver: Java
  /// producers retry a message for up to delivery.timeout.ms (2 min).
  std::chrono::milliseconds idle_grace = 2min;
  /// How far a source partition's timestamps may run out of order (two
  /// producers, one clock a little fast): its watermark is its newest
  /// timestamp less this, as Flink's bounded-out-of-orderness watermarks
  /// are. Set as ranking.max-disorder.
  std::chrono::milliseconds max_disorder = 5s;
  /// Longest wait for partitions to drain and commit on revoke or stop.
  std::chrono::milliseconds drain_timeout = 20s;
  /// The internal topic events are re-keyed into by article id; empty:
  /// `{group_id}-by-article`.
  std::string by_article_topic;
  /// Its partitions: how finely the ranking work can be spread over
  /// instances. Fixed for the life of the topic.
  int32_t by_article_partitions = 12;
  /// How often each source partition sends its stream time to every
  /// internal partition.
  std::chrono::milliseconds watermark_interval = 1s;
  /// Of each pull's count events, a source partition copies only the
  /// newest per article, kind and day cuts: counts are absolute, so the
  /// older ones cannot change a list.
  bool compact_copies = true;
  /// Kafka's static membership (`group.instance.id`): a restarted member
  /// with the same id gets its partitions back at once. Empty: none.
  std::string instance_id;

  /// The four source topics: article, comment, like, view.
  std::vector<std::string> topics() const {
    return {article_topic, comment_topic, like_topic, view_topic};
  }

  std::string internal_topic() const {
    return by_article_topic.empty() ? group_id + "-by-article"
                                    : by_article_topic;
  }
};

} // namespace hot
