// /metrics: the latest actor figures in Prometheus' text format.
#include "app/http/metrics_text.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <tuple>

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

double num(int64_t x) {
  return static_cast<double>(x);
}

void kind_metrics(exposition& out, const partition_figures& f) {
  labels by_topic{{"topic", f.topic}};
  labels by_partition{{"topic", f.topic},
                      {"partition", std::to_string(f.partition)}};
  out.add("hot_articles_events_consumed_total", "counter",
          "Messages read from Kafka.", by_topic, num(f.consumed));
  const auto& o = f.outcomes;
  const std::tuple<const char*, uint64_t, const char*> outcomes[] = {
    {"applied", o.applied + o.applied_later,
     "Events that changed an article's state, counts applied when their "
     "article's creation arrived after them included."},
    {"stale", o.stale,
     "Events ignored as duplicates, or as older than the version already "
     "applied."},
    {"waiting", o.pending,
     "Count events kept until their article's creation arrives."},
    {"late", o.late,
     "Events ignored because their article's day was already sealed."},
    {"beyond_day", o.beyond_day,
     "Events ignored because they happened after the end of their "
     "article's day."},
    {"for_deleted", o.deleted,
     "Events ignored because their article is deleted."},
  };
  // What happened to each event is known where it is applied: in the
  // internal topic's partitions.
  if (!f.source)
    for (const auto& [name, value, help] : outcomes)
      out.add(std::string{"hot_articles_events_"} + name + "_total", "counter",
              help, by_topic, static_cast<double>(value));
  for (size_t i = 1; i < f.rejected_by.size(); ++i)
    out.add(
      "hot_articles_events_rejected_total", "counter",
      "Messages that could not be decoded, by reason.",
      labels{{"topic", f.topic},
             {"reason", std::string{to_string(static_cast<decode_errc>(i))}}},
      num(f.rejected_by[i]));
  out.add("hot_articles_messages_behind_clock_total", "counter",
          "Messages stamped before the stream time their caught-up partition "
          "took from the clock: kafka.idle-grace is shorter than producers' "
          "delivery delays.",
          by_partition, num(f.behind_clock));
  out.add("hot_articles_consumer_lag", "gauge",
          "Messages between the high watermark and the position.", by_partition,
          num(f.lag));
  out.add("hot_articles_partition_in_flight", "gauge",
          "Events sent to shards and not yet applied.", by_partition,
          num(f.in_flight));
  out.add("hot_articles_partition_paused", "gauge",
          "1 while the partition is paused for lack of credits.", by_partition,
          f.paused ? 1 : 0);
  out.add("hot_articles_partition_pauses_total", "counter",
          "Times the partition was paused for lack of credits.", by_partition,
          num(f.pauses));
  out.add("hot_articles_committed_offset", "gauge",
          "The partition's committed offset.", by_partition, num(f.committed));
  if (!f.source)
    out.add("hot_articles_replay_offsets_left", "gauge",
            "Offsets a newly owned internal partition still replays before "
            "its task publishes; 0 once published.",
            by_partition, num(f.replay_left));
  if (f.source) {
    out.add("hot_articles_source_watermark_seconds", "gauge",
            "The stream time a source partition last sent to every internal "
            "partition, Unix seconds.",
            by_partition, num(f.watermark_ms) / 1000);
    out.add("hot_articles_events_rekeyed_total", "counter",
            "Events copied, keyed by article, to the internal topic, by "
            "source topic.",
            by_topic, num(f.rekeyed));
    out.add("hot_articles_events_compacted_total", "counter",
            "Count events not copied to the internal topic because a newer "
            "one of the same pull, article, kind and day supersedes them, by "
            "source topic.",
            by_topic, num(f.compacted));
  }
}

labels by_internal_partition(int32_t partition) {
  return partition < 0 ? labels{}
                       : labels{{"partition", std::to_string(partition)}};
}

void kind_metrics(exposition& out, const writer_figures& f) {
  auto owned = by_internal_partition(f.partition);
  out.add("hot_articles_redis_connected", "gauge",
          "1 while the writer holds a Redis connection.", owned,
          f.connected ? 1 : 0);
  out.add("hot_articles_owned_partition_epoch", "gauge",
          "The owner epoch of each internal partition this instance owns.",
          owned, num(f.epoch));
  out.add("hot_articles_partition_fenced", "gauge",
          "1 while a partition this instance still owns has its writes "
          "refused for a newer epoch: its lists and offsets stand still.",
          owned, f.fenced ? 1 : 0);
  out.add("hot_articles_flushes_total", "counter",
          "Day lists written to Redis.", {}, num(f.lists_written));
  out.add("hot_articles_board_flushes_total", "counter",
          "Board lists of the day written to Redis, with their day's list "
          "(ranking.boards.enabled).",
          {}, num(f.board_lists_written));
  out.add("hot_articles_sealed_edits_total", "counter",
          "Deletes and title updates applied to sealed lists.", {},
          num(f.edits_written));
  out.add("hot_articles_refill_exhausted_total", "counter",
          "Deletes that left a partition's final partial of a sealed day "
          "shorter than a list: the served list may miss an article that "
          "partition ranked below its reserve (ranking.reserve-size).",
          {}, num(f.refill_exhausted));
  out.add("hot_articles_redis_round_trips_total", "counter",
          "Pipelines of writes sent to Redis; flushes_total divided by this "
          "is how many lists one round trip carries.",
          {}, num(f.round_trips));
  out.add("hot_articles_redis_errors_total", "counter",
          "Redis failures, by kind.", labels{{"kind", "write"}},
          num(f.write_errors));
  out.add("hot_articles_redis_errors_total", "counter",
          "Redis failures, by kind.", labels{{"kind", "connection"}},
          num(f.connection_errors));
  out.add("hot_articles_redis_restores_total", "counter",
          "Times the stored lists were queued again after the connection to "
          "Redis was lost.",
          {}, num(f.restores));
  out.add("hot_articles_redis_pending_lists", "gauge",
          "Day lists waiting to be written to Redis.", owned,
          num(f.pending_lists));
}

void kind_metrics(exposition& out, const tasks_figures& f) {
  out.add("hot_articles_fenced_writes_total", "counter",
          "Writes, and barriers that vouch for commits, refused because a "
          "newer owner had raised the internal partition's epoch: this "
          "instance had lost the partition.",
          {}, num(f.fenced_writes));
  out.add("hot_articles_redis_writer_connections", "gauge",
          "Open connections of the pool the Redis writers share "
          "(redis.writer-connections at most).",
          {}, num(f.redis_connections));
  out.add("hot_articles_owned_partitions", "gauge",
          "Internal partitions this instance owns (ranking tasks).", {},
          static_cast<double>(f.epochs.size()));
}

void kind_metrics(exposition& out, const shard_figures& f) {
  out.add("hot_articles_articles", "gauge", "Articles held in shard state.", {},
          num(f.articles));
  out.add("hot_articles_snowflake_mismatches_total", "counter",
          "Articles whose createdAt is further than shards.clock-skew from "
          "their id's Snowflake time. Above zero, article ids are likely no "
          "Snowflakes: set shards.snowflake-article-ids=false.",
          {}, num(f.snowflake_mismatches));
  out.add("hot_articles_pending_events", "gauge",
          "Counts waiting for their article's creation.", {}, num(f.pending));
  out.add("hot_articles_boards_untracked_total", "counter",
          "Articles ranked in their day's list but not in their board's: the "
          "day already tracked ranking.boards.max-per-day boards.",
          {}, num(f.boards_untracked));
}

void kind_metrics(exposition& out, const directory_figures& f) {
  auto owned = by_internal_partition(f.partition);
  out.add("hot_articles_open_days", "gauge",
          "Days with a live ranking, per internal partition.", owned,
          num(f.rankings));
  out.add("hot_articles_days_sealed_total", "counter",
          "Days sealed since the start, per internal partition.", owned,
          num(f.days_sealed));
  out.add("hot_articles_stream_time_seconds", "gauge",
          "The stream time of an internal partition (the slowest source "
          "partition's watermark), Unix seconds.",
          owned, num(f.stream_time_ms) / 1000);
}

// Kinds without metrics of their own; rankings are summed per day below.
template <class T>
void kind_metrics(exposition&, const T&) {
  // counted in hot_articles_actors only
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
    caf::visit([&out](const auto& f) { kind_metrics(out, f); }, a.figures);
  }
  // A day's rankings (one per owned partition) flush apart: the day was
  // last written when its latest one flushed.
  std::map<day_key, int64_t> last_flush;
  for (const auto& [a, f] : s.of_kind<ranking_figures>())
    if (f->last_flush_ms > 0)
      last_flush[f->day] = std::max(last_flush[f->day], f->last_flush_ms);
  for (const auto& [day, ms] : last_flush)
    out.add("hot_articles_last_flush_timestamp_seconds", "gauge",
            "When a day's list was last written to Redis, Unix seconds.",
            labels{{"day", day.to_string()}}, num(ms) / 1000);
  for (const auto& [kind, m] : mailbox) {
    out.add("hot_articles_mailbox_size", "gauge",
            "Messages waiting in mailboxes that did not drain since the last "
            "collection, summed per actor kind.",
            labels{{"kind", kind}}, m.first);
    out.add("hot_articles_mailbox_size_max", "gauge",
            "The largest such backlog among the actors of each kind.",
            labels{{"kind", kind}}, m.second);
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
