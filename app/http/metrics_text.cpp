// /metrics: the latest actor figures in Prometheus' text format.
#include "app/http/metrics_text.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

namespace hot {

namespace {

using labels = std::map<std::string, std::string>;

struct series {
  labels tags;
  double value;
};

/// Collects samples per metric, then prints each metric's block once.
class exposition {
public:
  void add(const std::string& name, const std::string& type,
           const std::string& help, labels tags, double value) {
    auto& m = metrics_[name];
    m.type = type;
    m.help = help;
    for (auto& s : m.samples)
      if (s.tags == tags) {
        s.value += value;
        return;
      }
    m.samples.push_back(series{std::move(tags), value});
  }

  std::string str() const {
    std::ostringstream out;
    for (const auto& [name, m] : metrics_) {
      out << "# HELP " << name << ' ' << m.help << '\n'
          << "# TYPE " << name << ' ' << m.type << '\n';
      for (const auto& s : m.samples) {
        out << name;
        if (!s.tags.empty()) {
          out << '{';
          bool first = true;
          for (const auto& [k, v] : s.tags) {
            out << (first ? "" : ",") << k << "=\"" << v << '"';
            first = false;
          }
          out << '}';
        }
        out << ' ' << static_cast<int64_t>(s.value) << '\n';
      }
    }
    return out.str();
  }

private:
  struct metric {
    std::string type;
    std::string help;
    std::vector<series> samples;
  };
  std::map<std::string, metric> metrics_;
};

double fig(const stats_snapshot& s, const actor_stats& a, const char* name) {
  return static_cast<double>(s.figure(a, name));
}

void partition_metrics(exposition& out, const stats_snapshot& s,
                       const actor_stats& a) {
  auto detail = nlohmann::json::parse(a.detail, nullptr, false);
  if (!detail.is_object())
    return;
  auto topic = detail.value("topic", "");
  auto partition = std::to_string(detail.value("partition", 0));
  labels by_topic{{"topic", topic}};
  labels by_partition{{"topic", topic}, {"partition", partition}};
  out.add("hot_articles_events_consumed_total", "counter",
          "Messages read from Kafka.", by_topic, fig(s, a, "consumed"));
  const std::pair<const char*, const char*> outcomes[] = {
    {"applied", "Events that changed an article's state, counts applied "
                "when their article's creation arrived after them included."},
    {"stale", "Events ignored as duplicates, or as older than the version "
              "already applied."},
    {"waiting", "Count events kept until their article's creation arrives."},
    {"late", "Events ignored because their article's day was already "
             "sealed."},
    {"beyond_day", "Events ignored because they happened after the end of "
                   "their article's day."},
    {"for_deleted", "Events ignored because their article is deleted."},
  };
  // What happened to each event is known where it is applied: in the
  // internal topic's partitions.
  if (fig(s, a, "internal") != 0)
    for (const auto& [figure, help] : outcomes)
      out.add(std::string{"hot_articles_events_"} + figure + "_total",
              "counter", help, by_topic, fig(s, a, figure));
  if (auto rejected = detail.find("rejectedBy");
      rejected != detail.end() && rejected->is_object())
    for (auto it = rejected->begin(); it != rejected->end(); ++it)
      out.add("hot_articles_events_rejected_total", "counter",
              "Messages that could not be decoded, by reason.",
              labels{{"topic", topic}, {"reason", it.key()}},
              it.value().get<double>());
  out.add("hot_articles_messages_behind_clock_total", "counter",
          "Messages stamped before the stream time their caught-up partition "
          "took from the clock: kafka.idle-grace is shorter than producers' "
          "delivery delays.",
          by_partition, fig(s, a, "behind_clock"));
  out.add("hot_articles_consumer_lag", "gauge",
          "Messages between the high watermark and the position.", by_partition,
          fig(s, a, "lag"));
  out.add("hot_articles_partition_in_flight", "gauge",
          "Events sent to shards and not yet applied.", by_partition,
          fig(s, a, "in_flight"));
  out.add("hot_articles_partition_paused", "gauge",
          "1 while the partition is paused for lack of credits.", by_partition,
          fig(s, a, "paused"));
  out.add("hot_articles_partition_pauses_total", "counter",
          "Times the partition was paused for lack of credits.", by_partition,
          fig(s, a, "pauses"));
  out.add("hot_articles_committed_offset", "gauge",
          "The partition's committed offset.", by_partition,
          fig(s, a, "committed"));
  if (fig(s, a, "internal") == 0) {
    out.add("hot_articles_source_watermark_seconds", "gauge",
            "The stream time a source partition last sent to every internal "
            "partition, Unix seconds.",
            by_partition, fig(s, a, "watermark_ms") / 1000);
    out.add("hot_articles_events_rekeyed_total", "counter",
            "Events copied, keyed by article, to the internal topic, by "
            "source topic.",
            by_topic, fig(s, a, "rekeyed"));
  }
}

labels by_internal_partition(const stats_snapshot& s, const actor_stats& a) {
  auto partition = s.figure(a, "partition", -1);
  return partition < 0 ? labels{}
                       : labels{{"partition", std::to_string(partition)}};
}

} // namespace

std::string render_metrics(const stats_snapshot& s) {
  exposition out;
  std::map<std::string, std::pair<double, double>> mailbox; // sum, max
  for (const auto& a : s.actors) {
    auto& m = mailbox[a.kind];
    m.first += static_cast<double>(a.mailbox);
    m.second = std::max(m.second, static_cast<double>(a.mailbox));
    out.add("hot_articles_actors", "gauge", "Running actors, by kind.",
            labels{{"kind", a.kind}}, 1);
    out.add("hot_articles_actor_messages_total", "counter",
            "Messages handled, by actor kind.", labels{{"kind", a.kind}},
            static_cast<double>(a.messages));
    if (a.kind == "partition")
      partition_metrics(out, s, a);
    if (a.kind == "writer") {
      auto owned = by_internal_partition(s, a);
      out.add("hot_articles_redis_connected", "gauge",
              "1 while the writer holds a Redis connection.", owned,
              fig(s, a, "connected"));
      out.add("hot_articles_owned_partition_epoch", "gauge",
              "The owner epoch of each internal partition this instance "
              "owns.",
              owned, fig(s, a, "epoch"));

      out.add("hot_articles_flushes_total", "counter",
              "Day lists written to Redis.", {}, fig(s, a, "lists_written"));
      out.add("hot_articles_sealed_edits_total", "counter",
              "Deletes and title updates applied to sealed lists.", {},
              fig(s, a, "edits_written"));
      out.add("hot_articles_redis_errors_total", "counter",
              "Redis failures, by kind.", labels{{"kind", "write"}},
              fig(s, a, "write_errors"));
      out.add("hot_articles_redis_errors_total", "counter",
              "Redis failures, by kind.", labels{{"kind", "connection"}},
              fig(s, a, "connection_errors"));
      out.add("hot_articles_redis_restores_total", "counter",
              "Times the stored lists were queued again after the connection "
              "to Redis was lost.",
              {}, fig(s, a, "restores"));
      out.add("hot_articles_redis_pending_lists", "gauge",
              "Day lists waiting to be written to Redis.", owned,
              fig(s, a, "pending_lists"));
    }
    if (a.kind == "tasks") {
      out.add("hot_articles_fenced_writes_total", "counter",
              "Writes, and barriers that vouch for commits, refused because "
              "a newer owner had raised the internal partition's epoch: "
              "this instance had lost the partition.",
              {}, fig(s, a, "fenced_writes"));
      out.add("hot_articles_owned_partitions", "gauge",
              "Internal partitions this instance owns (ranking tasks).", {},
              fig(s, a, "tasks"));
    }
    if (a.kind == "shard") {
      out.add("hot_articles_articles", "gauge", "Articles held in shard state.",
              {}, fig(s, a, "articles"));
      out.add("hot_articles_snowflake_mismatches_total", "counter",
              "Articles whose createdAt is further than shards.clock-skew "
              "from their id's Snowflake time. Above zero, article ids are "
              "likely no Snowflakes: set shards.snowflake-article-ids=false.",
              {}, fig(s, a, "snowflake_mismatches"));
      out.add("hot_articles_pending_events", "gauge",
              "Counts waiting for their article's creation.", {},
              fig(s, a, "pending"));
    }
    if (a.kind == "directory") {
      auto owned = by_internal_partition(s, a);
      out.add("hot_articles_open_days", "gauge",
              "Days with a live ranking, per internal partition.", owned,
              fig(s, a, "rankings"));
      out.add("hot_articles_days_sealed_total", "counter",
              "Days sealed since the start, per internal partition.", owned,
              fig(s, a, "days_sealed"));
      out.add("hot_articles_stream_time_seconds", "gauge",
              "The stream time of an internal partition (the slowest source "
              "partition's watermark), Unix seconds.",
              owned, fig(s, a, "stream_time_ms") / 1000);
    }
  }
  // A day's rankings (one per owned partition) flush apart: the day was
  // last written when its latest one flushed.
  std::map<std::string, double> last_flush;
  for (const auto& a : s.actors)
    if (a.kind == "ranking" && fig(s, a, "last_flush_ms") > 0) {
      auto day = a.name.substr(std::string{"ranking "}.size(), 8);
      last_flush[day] = std::max(last_flush[day], fig(s, a, "last_flush_ms"));
    }
  for (const auto& [day, ms] : last_flush)
    out.add("hot_articles_last_flush_timestamp_seconds", "gauge",
            "When a day's list was last written to Redis, Unix seconds.",
            labels{{"day", day}}, ms / 1000);
  for (const auto& [kind, m] : mailbox) {
    out.add("hot_articles_mailbox_size", "gauge",
            "Messages waiting in mailboxes, summed per actor kind.",
            labels{{"kind", kind}}, m.first);
    out.add("hot_articles_mailbox_size_max", "gauge",
            "The fullest mailbox of each actor kind.", labels{{"kind", kind}},
            m.second);
  }
  return out.str();
}

std::string render_dead_letter_metrics(const dead_letter_counts& counts) {
  exposition out;
  auto add = [&out](const char* outcome, const std::atomic<uint64_t>& n) {
    out.add("hot_articles_dead_letters_total", "counter",
            "Rejected messages copied to the dead-letter topic, by outcome.",
            labels{{"outcome", outcome}}, static_cast<double>(n.load()));
  };
  add("produced", counts.produced);
  add("failed", counts.failed);
  add("dropped", counts.dropped);
  return out.str();
}

} // namespace hot
