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

  const auto& partitions = array_field(overview, "partitions");
  section(out,
          "PARTITIONS (" + std::to_string(partitions.size()) + " assigned)",
          width);
  if (partitions.empty())
    out.push_back({fit("no partition assigned (yet)", width)});
  else
    append(out, partition_table(partitions, width));

  section(out, "SHARDS", width);
  append(out, shard_table(array_field(overview, "shards"), width));

  section(out, "DAY RANKINGS", width);
  append(out, ranking_lines(array_field(overview, "rankings"), now_ms, width));

  section(out, "REDIS WRITER", width);
  const auto& redis = object_field(overview, "redis");
  out.push_back(
    {fit(redis_summary(redis), width),
     bool_field(redis, "connected") ? line_style::normal : line_style::alert});
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
