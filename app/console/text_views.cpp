// The admin interface's collections as tables: actors, partitions, shards,
// rankings, top actors, active boards.
#include "app/console/text_views.hpp"

#include <algorithm>
#include <utility>

#include "app/console/json_fields.hpp"
#include "app/console/number_format.hpp"
#include "app/console/text_table.hpp"

namespace hot::console {

namespace {

using json = nlohmann::json;

const auto& num = int_text;

// librdkafka's logical offsets (-1 end, -1001 invalid) mean "none yet".
std::string offset(const json& doc, const char* key) {
  auto value = int_field(doc, key, -1);
  return value < 0 ? "-" : std::to_string(value);
}

enum class with_total { no, yes };

// The overview leaves out the all-time message count to save a column.
text_lines actor_rows(const json& actors, size_t width, with_total total) {
  text_table table;
  table.column("ACTOR", align::left)
    .column("KIND", align::left)
    .column("MAILBOX")
    .column("MSG/S")
    .column("BUSY");
  if (total == with_total::yes)
    table.column("MESSAGES");
  for (const auto& a : actors) {
    std::vector<std::string> row{
      string_field(a, "name"), string_field(a, "kind"), num(a, "mailbox"),
      decimal_text(number_field(a, "messagesPerSecond")),
      percent_text(number_field(a, "busy"))};
    if (total == with_total::yes)
      row.push_back(num(a, "messages"));
    table.add_row(std::move(row));
  }
  return table.render(width);
}

} // namespace

text_lines actors_text(const json& doc, size_t width) {
  return actor_rows(array_field(doc, "actors"), width, with_total::yes);
}

// A source partition's watermark as a time of day in the ranking zone; its
// date is the stream time's, shown in the pipeline line.
std::string watermark_text(const json& p, const shown_zone& zone) {
  if (string_field(p, "role") != "source")
    return "-";
  auto ms = int_field(p, "watermarkEpochMs");
  if (ms <= 0)
    return "none";
  return clock_text(ms, zone);
}

text_lines partition_table(const json& partitions, const shown_zone& zone,
                           size_t width) {
  text_table table;
  table.column("PARTITION", align::left)
    .column("POSITION")
    .column("COMMITTED")
    .column("HIGH WM")
    .column("LAG")
    .column("REPLAY LEFT")
    .column("IN-FLIGHT")
    .column("PAUSED", align::left)
    .column("RATE/S")
    .column("MAILBOX")
    .column("LATE")
    .column("REJECTED")
    .column("APPLIED")
    .column("WATERMARK");
  for (const auto& p : partitions) {
    bool source = string_field(p, "role") == "source";
    table.add_row({string_field(p, "topic") + "/" + num(p, "partition"),
                   offset(p, "position"), offset(p, "committed"),
                   offset(p, "highWatermark"), num(p, "lag"),
                   int_field(p, "replayLeft") > 0 ? num(p, "replayLeft") : "-",
                   num(p, "inFlight"),
                   bool_field(p, "paused") ? "PAUSED" : "no",
                   decimal_text(number_field(p, "consumedPerSecond")),
                   num(p, "mailbox"), num(p, "late"), num(p, "rejected"),
                   source ? "-" : num(p, "applied"), watermark_text(p, zone)});
  }
  // Fourteen columns take about 140 terminal columns; a narrower terminal
  // gets them as two tables or more, rather than lines cut short.
  return table.render_folded(width);
}

text_lines partitions_text(const json& doc, size_t width) {
  return partition_table(array_field(doc, "partitions"), zone_of(doc), width);
}

text_lines shard_table(const json& shards, size_t width) {
  text_table table;
  table.column("SHARD", align::left)
    .column("ARTICLES")
    .column("PENDING")
    .column("TOMBSTONES")
    .column("APPLIED/S")
    .column("OPEN DAYS")
    .column("MAILBOX")
    .column("MSG/S")
    .column("BUSY");
  for (const auto& s : shards)
    table.add_row({string_field(s, "name"), num(s, "articles"),
                   num(s, "pending"), num(s, "tombstones"),
                   decimal_text(number_field(s, "appliedPerSecond")),
                   num(s, "openDays"), num(s, "mailbox"),
                   decimal_text(number_field(s, "messagesPerSecond")),
                   percent_text(number_field(s, "busy"))});
  return table.render(width);
}

text_lines shards_text(const json& doc, size_t width) {
  return shard_table(array_field(doc, "shards"), width);
}

text_lines ranking_lines(const json& rankings, int64_t now_ms,
                         const shown_zone& zone, size_t width) {
  text_lines out;
  if (rankings.empty())
    out.push_back({fit("no open day has a ranking yet", width)});
  for (const auto& r : rankings) {
    auto result = string_field(r, "lastFlushResult");
    for (auto& line :
         flow({"day " + string_field(r, "day") + "  "
                 + (bool_field(r, "sealed") ? "sealed" : "open"),
               "flushes " + num(r, "flushes") + " (errors "
                 + num(r, "flushErrors") + ")",
               "last flush "
                 + moment_text(int_field(r, "lastFlushEpochMs"), now_ms, zone)
                 + ": " + (result.empty() ? "-" : result) + " in "
                 + micros_text(int_field(r, "lastFlushLatencyMicros")),
               "mailbox " + num(r, "mailbox")},
              width))
      out.push_back({std::move(line)});
    text_table top;
    top.column("RANK").column("ARTICLE").column("SCORE").column("TITLE",
                                                                align::left);
    size_t rank = 0;
    for (const auto& a : array_field(r, "top"))
      top.add_row({std::to_string(++rank), num(a, "articleId"), num(a, "score"),
                   string_field(a, "title")});
    if (top.empty())
      out.push_back({fit("  no article scored yet", width)});
    else
      append(out, top.render(width, 2));
  }
  return out;
}

text_lines rankings_text(const json& doc, int64_t now_ms, size_t width) {
  text_lines out;
  out.push_back(
    {fit("sealed through " + string_field(doc, "sealedThrough"), width)});
  append(out, ranking_lines(array_field(doc, "rankings"), now_ms, zone_of(doc),
                            width));
  return out;
}

std::vector<std::string> redis_items(const json& r) {
  return {"redis " + string_field(r, "address", "?") + "  "
            + (bool_field(r, "connected") ? "connected" : "DISCONNECTED"),
          "lists " + num(r, "listsWritten") + " ("
            + rate_text(number_field(r, "writesPerSecond")) + ")",
          "edits " + num(r, "editsWritten"),
          "latency " + micros_text(int_field(r, "lastLatencyMicros")),
          "errors " + num(r, "writeErrors") + " write, "
            + num(r, "connectionErrors") + " connection",
          "pending " + num(r, "pendingLists") + " lists, "
            + num(r, "pendingOps") + " ops",
          "fenced " + num(r, "fencedWrites")};
}

std::vector<std::string> owned_partition_items(const json& r) {
  std::vector<std::string> out{"owned internal partitions (epoch):"};
  const auto& owned = array_field(r, "owned");
  if (owned.empty())
    out.push_back("none");
  for (const auto& o : owned)
    out.push_back("p" + num(o, "partition") + " (" + num(o, "epoch")
                  + (bool_field(o, "fenced") ? ", FENCED" : "") + ")");
  return out;
}

text_lines actor_table(const json& actors, size_t width) {
  return actor_rows(actors, width, with_total::no);
}

text_lines top_text(const json& doc, size_t width) {
  text_lines out;
  out.push_back({fit("actors by " + string_field(doc, "by", "mailbox"), width),
                 line_style::heading});
  append(out, actor_table(array_field(doc, "actors"), width));
  return out;
}

text_lines boards_text(const json& doc, size_t width) {
  const auto& boards = array_field(doc, "boards");
  text_lines out;
  out.push_back({fit("day " + string_field(doc, "day") + "  "
                       + std::to_string(boards.size()) + " most active boards",
                     width),
                 line_style::heading});
  if (boards.empty()) {
    out.push_back({fit("no board has an article that day", width)});
    return out;
  }
  text_table table;
  table.column("BOARD")
    .column("ARTICLES")
    .column("TOP ARTICLE")
    .column("SCORE")
    .column("TITLE", align::left);
  for (const auto& b : boards) {
    auto top = b.find("top");
    if (top != b.end() && top->is_object())
      table.add_row({num(b, "boardId"), num(b, "articles"),
                     num(*top, "articleId"), num(*top, "score"),
                     string_field(*top, "title")});
    else
      table.add_row({num(b, "boardId"), num(b, "articles"), "-", "-",
                     "(list not written yet)"});
  }
  append(out, table.render(width));
  return out;
}

} // namespace hot::console
