// The admin interface's JSON views of the actors' figures.
#include "app/daemon/admin_views.hpp"

#include <algorithm>

#include <date/date.h>

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

int64_t total(const stats_snapshot& s, const std::string& kind,
              const std::string& figure) {
  int64_t sum = 0;
  for (const auto* a : of_kind(s, kind))
    sum += s.figure(*a, figure);
  return sum;
}

double total_rate(const stats_snapshot& s, const std::string& kind,
                  const std::string& figure) {
  double sum = 0;
  for (const auto* a : of_kind(s, kind))
    sum += std::max(0.0, s.rate(a->name, figure));
  return sum;
}

} // namespace

json actor_view(const stats_snapshot& s, const actor_stats& a) {
  json figures = json::object();
  json rates = json::object();
  for (const auto& [key, value] : a.figures) {
    figures[key] = value;
    rates[key] = s.rate(a.name, key);
  }
  return {{"name", a.name},
          {"kind", a.kind},
          {"messages", a.messages},
          {"messagesPerSecond", s.rate(a.name, "messages")},
          {"busy", busy_fraction(s, a)},
          {"mailbox", a.mailbox},
          {"figures", std::move(figures)},
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
    out.push_back({{"name", a->name},
                   {"articles", s.figure(*a, "articles")},
                   {"pending", s.figure(*a, "pending")},
                   {"pendingDropped", s.figure(*a, "pending_dropped")},
                   {"tombstones", s.figure(*a, "tombstones")},
                   {"openDays", s.figure(*a, "open_days")},
                   {"applied", s.figure(*a, "applied")},
                   {"appliedPerSecond", s.rate(a->name, "applied")},
                   {"late", s.figure(*a, "late")},
                   {"mailbox", a->mailbox},
                   {"busy", busy_fraction(s, *a)},
                   {"messagesPerSecond", s.rate(a->name, "messages")}});
  return {{"shards", std::move(out)}};
}

json rankings_view(const stats_snapshot& s) {
  auto out = json::array();
  for (const auto* a : of_kind(s, "ranking")) {
    auto detail = detail_of(*a);
    out.push_back(
      {{"name", a->name},
       {"day", detail.value("day", "")},
       {"sealed", detail.value("sealed", false)},
       {"top", detail.value("top", json::array())},
       {"lastFlushEpochMs", detail.value("lastFlushEpochMs", int64_t{0})},
       {"lastFlushResult", detail.value("lastFlushResult", "")},
       {"flushes", s.figure(*a, "flushes")},
       {"flushErrors", s.figure(*a, "flush_errors")},
       {"lastFlushLatencyMicros", s.figure(*a, "last_flush_latency_us")},
       {"mailbox", a->mailbox}});
  }
  std::string sealed;
  for (const auto* d : of_kind(s, "directory"))
    sealed = detail_of(*d).value("sealedThrough", "");
  return {{"rankings", std::move(out)}, {"sealedThrough", sealed}};
}

json redis_view(const stats_snapshot& s) {
  for (const auto* a : of_kind(s, "writer")) {
    auto detail = detail_of(*a);
    return {{"connected", s.figure(*a, "connected") != 0},
            {"address", detail.value("address", "")},
            {"listsWritten", s.figure(*a, "lists_written")},
            {"writesPerSecond", s.rate(a->name, "lists_written")},
            {"editsWritten", s.figure(*a, "edits_written")},
            {"writeErrors", s.figure(*a, "write_errors")},
            {"connectionErrors", s.figure(*a, "connection_errors")},
            {"pendingLists", s.figure(*a, "pending_lists")},
            {"pendingOps", s.figure(*a, "pending_ops")},
            {"lastLatencyMicros", s.figure(*a, "last_latency_us")},
            {"lastError", detail.value("lastError", "")},
            {"mailbox", a->mailbox}};
  }
  return {{"connected", false}};
}

json top_view(const stats_snapshot& s, const std::string& by, size_t n) {
  std::vector<const actor_stats*> sorted;
  for (const auto& a : s.actors)
    sorted.push_back(&a);
  auto key = [&](const actor_stats* a) {
    return by == "rate" ? s.rate(a->name, "messages")
                        : static_cast<double>(a->mailbox);
  };
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](auto* x, auto* y) { return key(x) > key(y); });
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
  std::string sealed;
  std::string stream_time;
  for (const auto* d : of_kind(s, "directory")) {
    auto detail = detail_of(*d);
    sealed = detail.value("sealedThrough", "");
    stream_time = detail.value("streamTime", "");
  }
  json throughput{{"consumedPerSecond", total_rate(s, "partition", "consumed")},
                  {"appliedPerSecond", total_rate(s, "partition", "applied")},
                  {"latePerSecond", total_rate(s, "partition", "late")},
                  {"rejectedPerSecond", total_rate(s, "partition", "rejected")},
                  {"redisWritesPerSecond",
                   total_rate(s, "writer", "lists_written")}};
  json pipeline{{"sealedThrough", sealed},
                {"streamTime", stream_time},
                {"openDays", total(s, "directory", "rankings")},
                {"lag", total(s, "partition", "lag")},
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
          {"topMailboxes", top_view(s, "mailbox", 5)["actors"]}};
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
