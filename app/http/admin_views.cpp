// The admin interface's JSON views of the actors' figures.
#include "app/http/admin_views.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <stdexcept>

#include <date/date.h>
#include <date/tz.h>

namespace hot {

namespace {

using json = nlohmann::json;

json detail_of(const actor_stats& a) {
  auto doc = json::parse(a.detail, nullptr, false);
  return doc.is_object() ? doc : json::object();
}

double busy_fraction(const stats_snapshot& s, const actor_stats& a) {
  return s.rate(a.name, "busy_ns") / 1e9;
}

std::vector<const actor_stats*> of_kind(const stats_snapshot& s,
                                        const std::string& kind) {
  std::vector<const actor_stats*> out;
  for (const auto& a : s.actors)
    if (a.kind == kind)
      out.push_back(&a);
  std::sort(out.begin(), out.end(),
            [](auto* x, auto* y) { return x->name < y->name; });
  return out;
}

int64_t most(const stats_snapshot& s, const std::string& kind,
             const std::string& figure) {
  int64_t out = 0;
  for (const auto* a : of_kind(s, kind))
    out = std::max(out, s.figure(*a, figure));
  return out;
}

double total_rate(const stats_snapshot& s, const std::string& kind,
                  const std::string& figure) {
  double sum = 0;
  for (const auto* a : of_kind(s, kind))
    sum += std::max(0.0, s.rate(a->name, figure));
  return sum;
}

// The earliest positive value of a figure among the actors of a kind.
int64_t earliest(const stats_snapshot& s, const std::string& kind,
                 const std::string& figure) {
  int64_t out = 0;
  for (const auto* a : of_kind(s, kind))
    if (auto v = s.figure(*a, figure); v > 0 && (out == 0 || v < out))
      out = v;
  return out;
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size()
         && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// "+09:00" for 32400 seconds.
std::string offset_text(int64_t seconds) {
  auto minutes = std::abs(seconds) / 60;
  char text[16];
  std::snprintf(text, sizeof text, "%c%02d:%02d", seconds < 0 ? '-' : '+',
                static_cast<int>(minutes / 60), static_cast<int>(minutes % 60));
  return text;
}

// The oldest value of a text detail among the ranking tasks' directories
// (days and ISO instants sort as text): how far every task has come.
std::string oldest(const stats_snapshot& s, const std::string& key) {
  std::string out;
  for (const auto* d : of_kind(s, "directory")) {
    auto value = detail_of(*d).value(key, "");
    if (!value.empty() && (out.empty() || value < out))
      out = value;
  }
  return out;
}

} // namespace

// Levels are few and named here; a figure not named is a running total,
// as most are.
const char* figure_kind(const std::string& name) {
  static const std::set<std::string> gauges{"articles",
                                            "brokers_down",
                                            "committable",
                                            "committed",
                                            "connected",
                                            "epoch",
                                            "fenced",
                                            "high_watermark",
                                            "in_flight",
                                            "internal",
                                            "internal_partitions",
                                            "lag",
                                            "open_days",
                                            "partition",
                                            "partitions",
                                            "paused",
                                            "pending",
                                            "pending_lists",
                                            "pending_ops",
                                            "position",
                                            "rankings",
                                            "served_size",
                                            "shards",
                                            "source_partitions",
                                            "stored_days",
                                            "tasks",
                                            "tombstones",
                                            "unstored_changes"};
  static const std::set<std::string> instants{"stream_time_ms", "watermark_ms"};
  if (instants.count(name) != 0 || ends_with(name, "_epoch_ms"))
    return "instant";
  // Latencies (_us) and each task's owner epoch (epoch_{partition}).
  if (gauges.count(name) != 0 || ends_with(name, "_us")
      || name.rfind("epoch_", 0) == 0)
    return "gauge";
  return "counter";
}

bool is_top_order(const std::string& by) {
  return by == "mailbox" || by == "rate";
}

json time_zone_view(const std::string& zone_name, instant at) {
  try {
    auto info = date::locate_zone(zone_name)->get_info(
      std::chrono::time_point_cast<std::chrono::seconds>(at));
    auto offset = static_cast<int64_t>(info.offset.count());
    return {{"name", zone_name},
            {"abbreviation", info.abbrev},
            {"utcOffsetSeconds", offset},
            {"utcOffset", offset_text(offset)}};
  } catch (const std::exception&) {
    return {{"name", "UTC"},
            {"abbreviation", "UTC"},
            {"utcOffsetSeconds", 0},
            {"utcOffset", "+00:00"}};
  }
}

void stamp_view(json& view, const stats_snapshot& s, instant now,
                const json& zone) {
  auto taken = s.taken.time_since_epoch().count();
  view["takenEpochMs"] = taken;
  // Before the first round there are no figures to be old.
  view["ageSeconds"]
    = taken > 0 ? static_cast<double>((now - s.taken).count()) / 1000.0 : 0.0;
  view["timeZone"] = zone;
}

json actor_view(const stats_snapshot& s, const actor_stats& a) {
  json figures = json::object();
  json kinds = json::object();
  json rates = json::object();
  for (const auto& [key, value] : a.figures) {
    figures[key] = value;
    kinds[key] = figure_kind(key);
    if (kinds[key] == "counter")
      rates[key] = s.rate(a.name, key);
  }
  return {{"name", a.name},
          {"kind", a.kind},
          {"messages", a.messages},
          {"messagesPerSecond", s.rate(a.name, "messages")},
          {"busy", busy_fraction(s, a)},
          {"mailbox", a.mailbox},
          {"figures", std::move(figures)},
          {"figureKinds", std::move(kinds)},
          {"rates", std::move(rates)},
          {"detail", detail_of(a)}};
}

json actors_view(const stats_snapshot& s) {
  std::vector<const actor_stats*> sorted;
  for (const auto& a : s.actors)
    sorted.push_back(&a);
  std::sort(sorted.begin(), sorted.end(), [](auto* x, auto* y) {
    return x->kind != y->kind ? x->kind < y->kind : x->name < y->name;
  });
  auto out = json::array();
  for (const auto* a : sorted)
    out.push_back(actor_view(s, *a));
  return {{"actors", std::move(out)}};
}

json partitions_view(const stats_snapshot& s) {
  auto out = json::array();
  for (const auto* a : of_kind(s, "partition")) {
    auto detail = detail_of(*a);
    out.push_back({{"name", a->name},
                   {"topic", detail.value("topic", "")},
                   {"partition", detail.value("partition", 0)},
                   {"role", detail.value("role", "")},
                   {"watermarkEpochMs", s.figure(*a, "watermark_ms")},
                   {"rekeyed", s.figure(*a, "rekeyed")},
                   {"position", s.figure(*a, "position")},
                   {"committed", s.figure(*a, "committed")},
                   {"committable", s.figure(*a, "committable")},
                   {"highWatermark", s.figure(*a, "high_watermark")},
                   {"lag", s.figure(*a, "lag")},
                   {"inFlight", s.figure(*a, "in_flight")},
                   {"paused", s.figure(*a, "paused") != 0},
                   {"consumed", s.figure(*a, "consumed")},
                   {"consumedPerSecond", s.rate(a->name, "consumed")},
                   {"applied", s.figure(*a, "applied")},
                   {"late", s.figure(*a, "late")},
                   {"rejected", s.figure(*a, "rejected")},
                   {"rejectedBy", detail.value("rejectedBy", json::object())},
                   {"mailbox", a->mailbox},
                   {"messagesPerSecond", s.rate(a->name, "messages")}});
  }
  return {{"partitions", std::move(out)}};
}

json shards_view(const stats_snapshot& s) {
  auto out = json::array();
  for (const auto* a : of_kind(s, "shard"))
    out.push_back(
      {{"name", a->name},
       {"articles", s.figure(*a, "articles")},
       {"pending", s.figure(*a, "pending")},
       {"pendingDropped", s.figure(*a, "pending_dropped")},
       {"tombstones", s.figure(*a, "tombstones")},
       {"openDays", s.figure(*a, "open_days")},
       {"applied", s.figure(*a, "applied")},
       {"appliedPerSecond", s.rate(a->name, "applied")},
       {"late", s.figure(*a, "late")},
       {"snowflakeMismatches", s.figure(*a, "snowflake_mismatches")},
       {"mailbox", a->mailbox},
       {"busy", busy_fraction(s, *a)},
       {"messagesPerSecond", s.rate(a->name, "messages")}});
  return {{"shards", std::move(out)}};
}

// Each ranking task ranks a day among its own articles; a day's view is
// the best of all of them here, as Redis merges them.
json rankings_view(const stats_snapshot& s) {
  std::map<std::string, json> days;
  for (const auto* a : of_kind(s, "ranking")) {
    auto detail = detail_of(*a);
    auto day = detail.value("day", "");
    auto& d = days[day];
    if (d.is_null())
      d = {{"name", "ranking " + day},  {"day", day},
           {"sealed", false},           {"top", json::array()},
           {"partitions", 0},           {"lastFlushEpochMs", int64_t{0}},
           {"lastFlushResult", "none"}, {"flushes", int64_t{0}},
           {"flushErrors", int64_t{0}}, {"lastFlushLatencyMicros", int64_t{0}},
           {"servedSize", int64_t{0}},  {"mailbox", uint64_t{0}}};
    d["partitions"] = d["partitions"].get<int64_t>() + 1;
    for (const auto& entry : detail.value("top", json::array()))
      d["top"].push_back(entry);
    auto flushed = detail.value("lastFlushEpochMs", int64_t{0});
    if (flushed >= d["lastFlushEpochMs"].get<int64_t>()) {
      d["lastFlushEpochMs"] = flushed;
      d["lastFlushLatencyMicros"] = s.figure(*a, "last_flush_latency_us");
    }
    auto result = detail.value("lastFlushResult", "");
    if (d["lastFlushResult"] == "none" || d["lastFlushResult"] == "ok")
      d["lastFlushResult"] = result;
    d["flushes"] = d["flushes"].get<int64_t>() + s.figure(*a, "flushes");
    d["flushErrors"] = d["flushErrors"].get<int64_t>()
                       + s.figure(*a, "flush_errors");
    d["servedSize"] = std::max(d["servedSize"].get<int64_t>(),
                               s.figure(*a, "served_size", 10));
    d["mailbox"] = d["mailbox"].get<uint64_t>() + a->mailbox;
  }
  auto out = json::array();
  for (auto& [day, d] : days) {
    auto top = d["top"];
    std::vector<json> entries(top.begin(), top.end());
    std::sort(entries.begin(), entries.end(), [](const json& x, const json& y) {
      auto sx = x.value("score", int64_t{0});
      auto sy = y.value("score", int64_t{0});
      return sx != sy ? sx > sy
                      : x.value("articleId", int64_t{0})
                          > y.value("articleId", int64_t{0});
    });
    auto n = static_cast<size_t>(d["servedSize"].get<int64_t>());
    if (entries.size() > n)
      entries.resize(n);
    d["top"] = entries;
    out.push_back(std::move(d));
  }
  return {{"rankings", std::move(out)},
          {"sealedThrough", oldest(s, "sealedThrough")}};
}

// One writer per owned internal partition: the connection is up when every
// writer's is, counts add up, and each partition shows its owner epoch.
json redis_view(const stats_snapshot& s) {
  auto writers = of_kind(s, "writer");
  if (writers.empty())
    return {{"connected", false}, {"owned", json::array()}};
  bool connected = true;
  int64_t mailbox = 0;
  int64_t last_latency = 0;
  std::string address;
  std::string last_error;
  auto owned = json::array();
  for (const auto* a : writers) {
    auto detail = detail_of(*a);
    connected = connected && s.figure(*a, "connected") != 0;
    mailbox += static_cast<int64_t>(a->mailbox);
    last_latency = std::max(last_latency, s.figure(*a, "last_latency_us"));
    address = detail.value("address", "");
    if (auto e = detail.value("lastError", ""); !e.empty())
      last_error = e;
    owned.push_back({{"partition", s.figure(*a, "partition")},
                     {"epoch", s.figure(*a, "epoch")},
                     {"fenced", s.figure(*a, "fenced") != 0},
                     {"fencedWrites", s.figure(*a, "fenced_writes")}});
  }
  return {{"connected", connected},
          {"address", address},
          {"listsWritten", s.total("writer", "lists_written")},
          {"writesPerSecond", total_rate(s, "writer", "lists_written")},
          {"editsWritten", s.total("writer", "edits_written")},
          {"writeErrors", s.total("writer", "write_errors")},
          {"connectionErrors", s.total("writer", "connection_errors")},
          {"fencedWrites", s.total("writer", "fenced_writes")},
          {"pendingLists", s.total("writer", "pending_lists")},
          {"pendingOps", s.total("writer", "pending_ops")},
          {"lastLatencyMicros", last_latency},
          {"lastError", last_error},
          {"owned", std::move(owned)},
          {"mailbox", mailbox}};
}

json top_view(const stats_snapshot& s, const std::string& by, size_t n) {
  std::vector<const actor_stats*> sorted;
  for (const auto& a : s.actors)
    sorted.push_back(&a);
  // Mailboxes are mostly empty: the busier actor of a tie is the one
  // likelier to fill up (not the one with more messages: a source polling
  // itself handles ten a second while idle), and names keep the order from
  // one round to the next.
  auto key = [&](const actor_stats* a) {
    return by == "rate" ? std::make_pair(s.rate(a->name, "messages"), 0.0)
                        : std::make_pair(static_cast<double>(a->mailbox),
                                         busy_fraction(s, *a));
  };
  std::sort(sorted.begin(), sorted.end(), [&](auto* x, auto* y) {
    auto kx = key(x);
    auto ky = key(y);
    return kx != ky ? kx > ky : x->name < y->name;
  });
  auto out = json::array();
  for (size_t i = 0; i < sorted.size() && i < n; ++i)
    out.push_back({{"name", sorted[i]->name},
                   {"kind", sorted[i]->kind},
                   {"mailbox", sorted[i]->mailbox},
                   {"messagesPerSecond", s.rate(sorted[i]->name, "messages")},
                   {"busy", busy_fraction(s, *sorted[i])}});
  return {{"by", by}, {"actors", std::move(out)}};
}

json overview_view(const stats_snapshot& s, double uptime_seconds) {
  auto sealed = oldest(s, "sealedThrough");
  auto stream_time = oldest(s, "streamTime");
  double consumed = 0;
  for (const auto* a : of_kind(s, "partition"))
    if (s.figure(*a, "internal") == 0)
      consumed += std::max(0.0, s.rate(a->name, "consumed"));
  json throughput{{"consumedPerSecond", consumed},
                  {"appliedPerSecond", total_rate(s, "partition", "applied")},
                  {"latePerSecond", total_rate(s, "partition", "late")},
                  {"rejectedPerSecond", total_rate(s, "partition", "rejected")},
                  {"redisWritesPerSecond",
                   total_rate(s, "writer", "lists_written")}};
  json pipeline{{"sealedThrough", sealed},
                {"streamTime", stream_time},
                {"streamTimeEpochMs",
                 earliest(s, "directory", "stream_time_ms")},
                {"openDays", most(s, "directory", "rankings")},
                {"lag", s.total("partition", "lag")},
                {"partitions", of_kind(s, "partition").size()},
                {"shards", of_kind(s, "shard").size()},
                {"actors", s.actors.size()}};
  return {{"taken", date::format("%FT%TZ", s.taken)},
          {"uptimeSeconds", uptime_seconds},
          {"throughput", std::move(throughput)},
          {"pipeline", std::move(pipeline)},
          {"partitions", partitions_view(s)["partitions"]},
          {"shards", shards_view(s)["shards"]},
          {"rankings", rankings_view(s)["rankings"]},
          {"redis", redis_view(s)},
          {"topMailboxes", top_view(s, "mailbox", 5)["actors"]},
          {"snowflakeMismatches", s.total("shard", "snowflake_mismatches")}};
}

json article_state_view(const article_view& a) {
  return {{"articleId", a.id.value()},
          {"shard", a.shard},
          {"found", a.found},
          {"known", a.known},
          {"deleted", a.deleted},
          {"day", a.known || a.deleted ? a.day.to_string() : ""},
          {"createdAt", a.known || a.deleted ? a.created_at.to_iso() : ""},
          {"boardId", a.board.value()},
          {"title", a.title},
          {"titleVersion", a.title_version.value()},
          {"likes", a.likes},
          {"comments", a.comments},
          {"views", a.views},
          {"likesVersion", a.likes_version.value()},
          {"commentsVersion", a.comments_version.value()},
          {"viewsVersion", a.views_version.value()},
          {"score", a.score},
          {"pendingEvents", a.pending_events}};
}

} // namespace hot
