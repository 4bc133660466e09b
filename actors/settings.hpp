// Tunables of the pipeline's actors, with the documented defaults.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hot {

using namespace std::chrono_literals;

/// score = likes * likes_weight + comments * comments_weight + views * ...
struct score_weights {
  int64_t likes = 3;
  int64_t comments = 2;
  int64_t views = 1;
};

struct ranking_settings {
  score_weights weights;
  /// Articles in a day's list.
  uint32_t list_size = 10;
  /// Next-ranked articles stored with a sealed list, to backfill deletes
  /// that arrive after the seal.
  uint32_t reserve_size = 10;
  /// At most one Redis write per day per interval. A change waits for the
  /// next write, so this bounds how stale Redis is (50 writes a second per
  /// open day are nothing to Redis).
  std::chrono::milliseconds flush_interval = 20ms;
  /// Articles in the served list when `list_size` is a partial's (list
  /// and reserve); 0: `list_size`.
  uint32_t served_size = 0;
};

struct shard_settings {
  /// Shards per ranking task, that is per owned internal partition.
  uint32_t count = 1;
  /// Like/comment/view events kept per shard while their article's
  /// ARTICLE_CREATED has not arrived; the oldest go first when full.
  uint32_t pending_limit = 100'000;
  /// Such events expire once the stream time passes their Kafka timestamp
  /// by this much.
  std::chrono::milliseconds pending_ttl = 1h;
  /// Article ids are Snowflakes (as in the reference): a count event for an
  /// article created before the oldest open day is late at once instead of
  /// waiting for a creation that will never come.
  bool snowflake_article_ids = true;
  /// Slack for clocks: how much earlier than a day's start its events may
  /// be stamped.
  std::chrono::milliseconds clock_skew = 5min;
};

struct redis_settings {
  std::string host = "127.0.0.1";
  uint16_t port = 6379;
  std::string password;
  uint32_t database = 0;
  std::chrono::milliseconds list_ttl = std::chrono::hours{24 * 10};
  std::chrono::milliseconds connect_timeout = 2s;
  std::chrono::milliseconds command_timeout = 5s;
  std::chrono::milliseconds retry_min = 100ms;
  std::chrono::milliseconds retry_max = 5s;
};

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
