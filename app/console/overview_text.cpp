// Everything on one screen: the overview route's answer as lines of text.
#include "app/console/overview_text.hpp"

#include "app/console/json_fields.hpp"
#include "app/console/number_format.hpp"
#include "app/console/text_views.hpp"

namespace hot::console {

namespace {

using json = nlohmann::json;

void section(text_lines& out, const std::string& title, size_t width) {
  out.push_back({});
  out.push_back({fit(title, width), line_style::heading});
}

std::string throughput_line(const json& t) {
  return "throughput  consumed "
         + rate_text(number_field(t, "consumedPerSecond")) + "  applied "
         + rate_text(number_field(t, "appliedPerSecond")) + "  late "
         + rate_text(number_field(t, "latePerSecond")) + "  rejected "
         + rate_text(number_field(t, "rejectedPerSecond")) + "  redis writes "
         + rate_text(number_field(t, "redisWritesPerSecond"));
}

std::string pipeline_line(const json& p) {
  auto text = [&](const char* key) {
    auto value = string_field(p, key);
    return value.empty() ? std::string{"-"} : value;
  };
  return "pipeline    sealed through " + text("sealedThrough")
         + "  stream time " + text("streamTime") + "  open days "
         + std::to_string(int_field(p, "openDays")) + "  lag "
         + std::to_string(int_field(p, "lag")) + "  partitions "
         + std::to_string(int_field(p, "partitions")) + "  shards "
         + std::to_string(int_field(p, "shards")) + "  actors "
         + std::to_string(int_field(p, "actors"));
}

std::string internal_summary(const json& internal) {
  int64_t lag = 0;
  int64_t applied = 0;
  int64_t in_flight = 0;
  int64_t paused = 0;
  double rate = 0;
  std::string topic;
  for (const auto& p : internal) {
    topic = string_field(p, "topic");
    lag += int_field(p, "lag");
    applied += int_field(p, "applied");
    in_flight += int_field(p, "inFlight");
    paused += bool_field(p, "paused") ? 1 : 0;
    rate += number_field(p, "consumedPerSecond");
  }
  return topic + ": " + std::to_string(internal.size()) + " partitions  lag "
         + std::to_string(lag) + "  applied " + std::to_string(applied) + "  "
         + decimal_text(rate) + " msg/s  in flight " + std::to_string(in_flight)
         + "  paused " + std::to_string(paused) + "  (`partitions` lists them)";
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
  return {
    {fit(std::to_string(shards.size()) + " shards  articles "
           + std::to_string(articles) + "  pending " + std::to_string(pending)
           + "  tombstones " + std::to_string(tombstones) + "  mailbox "
           + std::to_string(mailbox) + "  (`shards` lists them)",
         width)}};
}

} // namespace

const char* to_string(actor_order order) {
  return order == actor_order::rate ? "rate" : "mailbox";
}

text_lines overview_text(const json& overview, const json& actors,
                         actor_order order, int64_t now_ms, size_t width) {
  text_lines out;
  out.push_back(
    {fit("figures of " + string_field(overview, "taken", "-") + "  daemon up "
           + duration_text(number_field(overview, "uptimeSeconds")),
         width)});
  out.push_back(
    {fit(throughput_line(object_field(overview, "throughput")), width)});
  out.push_back(
    {fit(pipeline_line(object_field(overview, "pipeline")), width)});

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
    append(out, partition_table(sources, width));
  if (!internal.empty())
    out.push_back({fit(internal_summary(internal), width)});

  section(out, "SHARDS", width);
  append(out, shard_summary(array_field(overview, "shards"), width));

  section(out, "DAY RANKINGS", width);
  append(out, ranking_lines(array_field(overview, "rankings"), now_ms, width));

  section(out, "REDIS WRITER", width);
  const auto& redis = object_field(overview, "redis");
  out.push_back(
    {fit(redis_summary(redis), width),
     bool_field(redis, "connected") ? line_style::normal : line_style::alert});
  out.push_back({fit(owned_partitions_text(redis), width),
                 int_field(redis, "fencedWrites") > 0 ? line_style::alert
                                                      : line_style::normal});
  auto last_error = string_field(redis, "lastError");
  if (!last_error.empty())
    out.push_back({fit("last error: " + last_error, width), line_style::alert});

  section(out,
          order == actor_order::rate ? "BUSIEST ACTORS (by message rate)"
                                     : "FULLEST MAILBOXES (by mailbox depth)",
          width);
  append(out, actor_table(actors.is_array() ? actors : json::array(), width));
  return out;
}

} // namespace hot::console
