// The admin interface's JSON views of the actors' figures.
#include "app/http/admin_views.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <stdexcept>

#include <date/date.h>
#include <date/tz.h>

#include "app/http/figures_json.hpp"

namespace hot {

namespace {

using json = nlohmann::json;

double busy_fraction(const stats_snapshot& s, const actor_stats& a) {
  return s.rate(a, "busy_ns") / 1e9;
}

// "+09:00" for 32400 seconds.
std::string offset_text(int64_t seconds) {
  auto minutes = std::abs(seconds) / 60;
  char text[16];
  std::snprintf(text, sizeof text, "%c%02d:%02d", seconds < 0 ? '-' : '+',
                static_cast<int>(minutes / 60), static_cast<int>(minutes % 60));
  return text;
}

// How far every ranking task has come: the oldest day sealed over the
// directories ("" when there is none).
std::string oldest_sealed(const stats_snapshot& s) {
  std::optional<day_key> out;
  for (const auto& [a, f] : s.of_kind<directory_figures>())
    if (!out || f->sealed_through < *out)
      out = f->sealed_through;
  return out ? out->to_string() : std::string{};
}

// The slowest directory's stream time, Unix ms; 0 before every one has one.
int64_t oldest_stream_time(const stats_snapshot& s) {
  int64_t out = 0;
  for (const auto& [a, f] : s.of_kind<directory_figures>())
    if (f->stream_time_ms > 0 && (out == 0 || f->stream_time_ms < out))
      out = f->stream_time_ms;
  return out;
}

// Sum of the rates of a counter over the actors whose figures are a `T`
// (negative ones, from a restarted actor, left out).
template <class T>
double total_rate(const stats_snapshot& s, std::string_view figure) {
  double sum = 0;
  for (const auto& [a, f] : s.of_kind<T>())
    sum += std::max(0.0, s.rate(*a, figure));
  return sum;
}

} // namespace

bool is_top_order(const std::string& by) {
  return by == "mailbox" || by == "rate";
}

json time_zone_view(const day_calendar& calendar, instant at) {
  auto zone = calendar.offset_at(at);
  auto offset = static_cast<int64_t>(zone.offset.count());
  return {{"name", calendar.zone_name()},
          {"abbreviation", zone.abbreviation},
          {"utcOffsetSeconds", offset},
          {"utcOffset", offset_text(offset)}};
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
  json out{{"name", a.name},
           {"kind", a.kind},
           {"messages", a.messages},
           {"messagesPerSecond", s.rate(a, "messages")},
           {"busy", busy_fraction(s, a)},
           {"mailbox", a.mailbox}};
  out.update(figures_json(s, a));
  out["detail"] = detail_json(a.figures);
  return out;
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
  for (const auto& [a, f] : s.of_kind<partition_figures>()) {
    auto detail = detail_json(*f);
    out.push_back({{"name", a->name},
                   {"topic", f->topic},
                   {"partition", f->partition},
                   {"role", detail["role"]},
                   {"watermarkEpochMs", f->watermark_ms},
                   {"rekeyed", f->rekeyed},
                   {"compacted", f->compacted},
                   {"position", f->position},
                   {"committed", f->committed},
                   {"committable", f->committable},
                   {"highWatermark", f->high_watermark},
                   {"lag", f->lag},
                   {"replayLeft", f->replay_left},
                   {"inFlight", f->in_flight},
                   {"paused", f->paused},
                   {"consumed", f->consumed},
                   {"consumedPerSecond", s.rate(*a, "consumed")},
                   {"applied", f->outcomes.applied + f->outcomes.applied_later},
                   {"late", f->outcomes.late},
                   {"rejected", f->rejected()},
                   {"rejectedBy", detail["rejectedBy"]},
                   {"mailbox", a->mailbox},
                   {"messagesPerSecond", s.rate(*a, "messages")}});
  }
  return {{"partitions", std::move(out)}};
}

json shards_view(const stats_snapshot& s) {
  auto out = json::array();
  for (const auto& [a, f] : s.of_kind<shard_figures>())
    out.push_back({{"name", a->name},
                   {"articles", f->articles},
                   {"pending", f->pending},
                   {"pendingDropped", f->pending_dropped},
                   {"tombstones", f->tombstones},
                   {"openDays", f->open_days},
                   {"applied", f->outcomes.applied + f->outcomes.applied_later},
                   {"appliedPerSecond", s.rate(*a, "applied")},
                   {"late", f->outcomes.late},
                   {"snowflakeMismatches", f->snowflake_mismatches},
                   {"mailbox", a->mailbox},
                   {"busy", busy_fraction(s, *a)},
                   {"messagesPerSecond", s.rate(*a, "messages")}});
  return {{"shards", std::move(out)}};
}

// Each ranking task ranks a day among its own articles; a day's view is
// the best of all of them here, as Redis merges them.
json rankings_view(const stats_snapshot& s) {
  struct day_view {
    std::vector<ranked_article> top;
    int64_t partitions = 0;
    int64_t last_flush_ms = 0;
    int64_t last_flush_latency_us = 0;
    std::string last_flush_result = "none";
    int64_t flushes = 0;
    int64_t flush_errors = 0;
    int64_t served_size = 0;
    uint64_t mailbox = 0;
  };
  std::map<day_key, day_view> days;
  for (const auto& [a, f] : s.of_kind<ranking_figures>()) {
    auto& d = days[f->day];
    ++d.partitions;
    d.top.insert(d.top.end(), f->top.begin(), f->top.end());
    if (f->last_flush_ms >= d.last_flush_ms) {
      d.last_flush_ms = f->last_flush_ms;
      d.last_flush_latency_us = f->last_flush_latency_us;
    }
    if (d.last_flush_result == "none" || d.last_flush_result == "ok")
      d.last_flush_result = f->last_flush_result;
    d.flushes += f->flushes;
    d.flush_errors += f->flush_errors;
    d.served_size = std::max(d.served_size, f->served_size);
    d.mailbox += a->mailbox;
  }
  auto out = json::array();
  for (auto& [day, d] : days) {
    std::sort(d.top.begin(), d.top.end(), [](const auto& x, const auto& y) {
      return x.score != y.score ? x.score > y.score
                                : x.id.value() > y.id.value();
    });
    if (d.top.size() > static_cast<size_t>(d.served_size))
      d.top.resize(static_cast<size_t>(d.served_size));
    auto top = json::array();
    for (const auto& a : d.top)
      top.push_back(
        {{"articleId", a.id.value()}, {"score", a.score}, {"title", a.title}});
    out.push_back({{"name", "ranking " + day.to_string()},
                   {"day", day.to_string()},
                   {"sealed", false},
                   {"top", std::move(top)},
                   {"partitions", d.partitions},
                   {"lastFlushEpochMs", d.last_flush_ms},
                   {"lastFlushResult", d.last_flush_result},
                   {"flushes", d.flushes},
                   {"flushErrors", d.flush_errors},
                   {"lastFlushLatencyMicros", d.last_flush_latency_us},
                   {"servedSize", d.served_size},
                   {"mailbox", d.mailbox}});
  }
  return {{"rankings", std::move(out)}, {"sealedThrough", oldest_sealed(s)}};
}

// One writer per owned internal partition: the connection is up when every
// writer's is, counts add up, and each partition shows its owner epoch.
json redis_view(const stats_snapshot& s) {
  auto writers = s.of_kind<writer_figures>();
  if (writers.empty())
    return {{"connected", false}, {"owned", json::array()}};
  bool connected = true;
  int64_t mailbox = 0;
  int64_t last_latency = 0;
  std::string address;
  std::string last_error;
  auto owned = json::array();
  for (const auto& [a, f] : writers) {
    connected = connected && f->connected;
    mailbox += static_cast<int64_t>(a->mailbox);
    last_latency = std::max(last_latency, f->last_latency_us);
    address = f->address;
    if (!f->last_error.empty())
      last_error = f->last_error;
    owned.push_back({{"partition", f->partition},
                     {"epoch", f->epoch},
                     {"fenced", f->fenced},
                     {"fencedWrites", f->fenced_writes}});
  }
  auto sum = [&s](auto get) { return s.total<writer_figures>(get); };
  return {{"connected", connected},
          {"address", address},
          {"listsWritten", sum([](const auto& f) { return f.lists_written; })},
          {"writesPerSecond", total_rate<writer_figures>(s, "lists_written")},
          {"editsWritten", sum([](const auto& f) { return f.edits_written; })},
          {"refillExhausted",
           sum([](const auto& f) { return f.refill_exhausted; })},
          {"writeErrors", sum([](const auto& f) { return f.write_errors; })},
          {"connectionErrors",
           sum([](const auto& f) { return f.connection_errors; })},
          {"fencedWrites", sum([](const auto& f) { return f.fenced_writes; })},
          {"pendingLists", sum([](const auto& f) { return f.pending_lists; })},
          {"pendingOps", sum([](const auto& f) { return f.pending_ops; })},
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
    return by == "rate" ? std::make_pair(s.rate(*a, "messages"), 0.0)
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
                   {"messagesPerSecond", s.rate(*sorted[i], "messages")},
                   {"busy", busy_fraction(s, *sorted[i])}});
  return {{"by", by}, {"actors", std::move(out)}};
}

json overview_view(const stats_snapshot& s, double uptime_seconds) {
  double consumed = 0;
  int64_t open_days = 0;
  for (const auto& [a, f] : s.of_kind<partition_figures>())
    if (f->source)
      consumed += std::max(0.0, s.rate(*a, "consumed"));
  for (const auto& [a, f] : s.of_kind<directory_figures>())
    open_days = std::max(open_days, f->rankings);
  auto stream_time_ms = oldest_stream_time(s);
  json throughput{
    {"consumedPerSecond", consumed},
    {"appliedPerSecond", total_rate<partition_figures>(s, "applied")},
    {"latePerSecond", total_rate<partition_figures>(s, "late")},
    {"rejectedPerSecond", total_rate<partition_figures>(s, "rejected")},
    {"redisWritesPerSecond", total_rate<writer_figures>(s, "lists_written")}};
  json pipeline{
    {"sealedThrough", oldest_sealed(s)},
    {"streamTime", utc_text(stream_time_ms)},
    {"streamTimeEpochMs", stream_time_ms},
    {"openDays", open_days},
    {"lag", s.total<partition_figures>([](const auto& f) { return f.lag; })},
    {"partitions", s.of_kind<partition_figures>().size()},
    {"shards", s.of_kind<shard_figures>().size()},
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
          {"snowflakeMismatches", s.total<shard_figures>([](const auto& f) {
             return f.snowflake_mismatches;
           })}};
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
