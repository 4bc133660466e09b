// Everything on one screen: the overview route's answer as lines of text.
#include "app/console/overview_text.hpp"

#include <algorithm>
#include <cstdio>

#include "app/console/json_fields.hpp"
#include "app/console/number_format.hpp"
#include "app/console/text_views.hpp"
#include "app/console/zone_time.hpp"

namespace hot::console {

namespace {

using json = nlohmann::json;

// Continuation lines of a labelled header start under its first figure.
constexpr size_t label_indent = 12;

// Figures older than this trail Redis noticeably: say it louder.
constexpr double stale_seconds = 5.0;

void add_flow(text_lines& out, const std::vector<std::string>& items,
              size_t width, line_style style = line_style::normal,
              size_t indent = label_indent) {
  for (auto& line : flow(items, width, indent))
    out.push_back({std::move(line), style});
}

void section(text_lines& out, const std::string& title, size_t width) {
  out.push_back({});
  out.push_back({fit(title, width), line_style::heading});
}

std::vector<std::string> figures_items(const json& overview,
                                       const shown_zone& zone) {
  auto taken = int_field(overview, "takenEpochMs");
  if (taken == 0) // A daemon that does not stamp its figures.
    return {"figures of " + string_field(overview, "taken", "-"),
            "daemon up "
              + duration_text(number_field(overview, "uptimeSeconds"))};
  char age[32];
  std::snprintf(age, sizeof age, "%.1f s",
                std::max(0.0, number_field(overview, "ageSeconds")));
  return {std::string{"figures "} + age + " old",
          "(taken " + clock_text(taken, zone) + ")",
          "daemon up " + duration_text(number_field(overview, "uptimeSeconds")),
          zone_heading(zone)};
}

std::vector<std::string> throughput_items(const json& t) {
  return {"throughput",
          "consumed " + rate_text(number_field(t, "consumedPerSecond")),
          "applied " + rate_text(number_field(t, "appliedPerSecond")),
          "late " + rate_text(number_field(t, "latePerSecond")),
          "rejected " + rate_text(number_field(t, "rejectedPerSecond")),
          "redis writes " + rate_text(number_field(t, "redisWritesPerSecond"))};
}

std::vector<std::string> pipeline_items(const json& p, const shown_zone& zone) {
  auto text = [&](const char* key) {
    auto value = string_field(p, key);
    return value.empty() ? std::string{"-"} : value;
  };
  auto stream_ms = int_field(p, "streamTimeEpochMs");
  return {"pipeline  ",
          "sealed through " + text("sealedThrough"),
          "stream time "
            + (stream_ms > 0 ? date_time_text(stream_ms, zone)
                             : text("streamTime")),
          "open days " + std::to_string(int_field(p, "openDays")),
          "lag " + std::to_string(int_field(p, "lag")),
          "partitions " + std::to_string(int_field(p, "partitions")),
          "shards " + std::to_string(int_field(p, "shards")),
          "actors " + std::to_string(int_field(p, "actors"))};
}

std::vector<std::string> internal_items(const json& internal) {
  int64_t lag = 0;
  int64_t applied = 0;
  int64_t in_flight = 0;
  int64_t paused = 0;
  int64_t replaying = 0;
  int64_t replay_left = 0;
  double rate = 0;
  std::string topic;
  for (const auto& p : internal) {
    topic = string_field(p, "topic");
    lag += int_field(p, "lag");
    replaying += int_field(p, "replayLeft") > 0 ? 1 : 0;
    replay_left += int_field(p, "replayLeft");
    applied += int_field(p, "applied");
    in_flight += int_field(p, "inFlight");
    paused += bool_field(p, "paused") ? 1 : 0;
    rate += number_field(p, "consumedPerSecond");
  }
  return {topic + ": " + std::to_string(internal.size()) + " partitions",
          "lag " + std::to_string(lag),
          "applied " + std::to_string(applied),
          decimal_text(rate) + " msg/s",
          "in flight " + std::to_string(in_flight),
          "paused " + std::to_string(paused),
          "replaying " + std::to_string(replaying) + " ("
            + std::to_string(replay_left) + " offsets left)",
          "(`partitions` lists them)"};
}

text_lines shard_summary(const json& shards, size_t width) {
  if (shards.size() <= 4)
    return shard_table(shards, width);
  int64_t articles = 0;
  int64_t pending = 0;
  int64_t tombstones = 0;
  int64_t mailbox = 0;
  for (const auto& s : shards) {
    articles += int_field(s, "articles");
    pending += int_field(s, "pending");
    tombstones += int_field(s, "tombstones");
    mailbox += int_field(s, "mailbox");
  }
  text_lines out;
  add_flow(out,
           {std::to_string(shards.size()) + " shards",
            "articles " + std::to_string(articles),
            "pending " + std::to_string(pending),
            "tombstones " + std::to_string(tombstones),
            "mailbox " + std::to_string(mailbox), "(`shards` lists them)"},
           width, line_style::normal, 2);
  return out;
}

} // namespace

const char* to_string(actor_order order) {
  return order == actor_order::rate ? "rate" : "mailbox";
}

text_lines overview_text(const json& overview, const json& actors,
                         actor_order order, int64_t now_ms, size_t width) {
  text_lines out;
  auto zone = zone_of(overview);
  add_flow(out, figures_items(overview, zone), width,
           number_field(overview, "ageSeconds") > stale_seconds
             ? line_style::alert
             : line_style::normal,
           2);
  add_flow(out, throughput_items(object_field(overview, "throughput")), width);
  add_flow(out, pipeline_items(object_field(overview, "pipeline"), zone),
           width);
  auto mismatches = int_field(overview, "snowflakeMismatches");
  if (mismatches > 0)
    for (auto& line :
         wrap("WARNING: " + std::to_string(mismatches)
                + " articles have a createdAt further than shards.clock-skew "
                  "from the time in their Snowflake id. If article ids are "
                  "not Snowflake ids, set shards.snowflake-article-ids=false.",
              width))
      out.push_back({std::move(line), line_style::alert});

  // The internal partitions and the shards come one per ranking task: a
  // line each here, whole tables behind `partitions` and `shards`.
  auto sources = json::array();
  auto internal = json::array();
  for (const auto& p : array_field(overview, "partitions"))
    (string_field(p, "role") == "by-article" ? internal : sources).push_back(p);
  section(out,
          "PARTITIONS (" + std::to_string(sources.size()) + " source, "
            + std::to_string(internal.size()) + " internal)",
          width);
  if (sources.empty() && internal.empty())
    out.push_back({fit("no partition assigned (yet)", width)});
  if (!sources.empty())
    append(out, partition_table(sources, zone, width));
  if (!internal.empty())
    add_flow(out, internal_items(internal), width, line_style::normal, 2);

  section(out, "SHARDS", width);
  append(out, shard_summary(array_field(overview, "shards"), width));

  section(out, "DAY RANKINGS", width);
  append(out,
         ranking_lines(array_field(overview, "rankings"), now_ms, zone, width));

  section(out, "REDIS WRITER", width);
  const auto& redis = object_field(overview, "redis");
  add_flow(
    out, redis_items(redis), width,
    bool_field(redis, "connected") ? line_style::normal : line_style::alert, 2);
  add_flow(out, owned_partition_items(redis), width,
           int_field(redis, "fencedWrites") > 0 ? line_style::alert
                                                : line_style::normal,
           2);
  auto last_error = string_field(redis, "lastError");
  if (!last_error.empty())
    out.push_back({fit("last error: " + last_error, width), line_style::alert});

  section(out,
          order == actor_order::rate ? "BUSIEST ACTORS (by message rate)"
                                     : "FULLEST MAILBOXES (by mailbox depth)",
          width);
  const auto& listed = actors.is_array() ? actors : json::array();
  append(out, actor_table(listed, width));
  if (order == actor_order::mailbox && !listed.empty()
      && std::all_of(listed.begin(), listed.end(), [](const json& a) {
           return int_field(a, "mailbox") == 0;
         }))
    out.push_back({fit("every mailbox is empty: nothing waits", width)});
  return out;
}

} // namespace hot::console
