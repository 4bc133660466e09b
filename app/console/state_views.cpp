// State dumps on demand: one actor, one article, one day, the Redis writer.
#include "app/console/state_views.hpp"

#include <algorithm>
#include <utility>

#include "app/console/json_fields.hpp"
#include "app/console/number_format.hpp"
#include "app/console/text_table.hpp"
#include "app/console/text_views.hpp"
#include "app/console/zone_time.hpp"

namespace hot::console {

namespace {

using json = nlohmann::json;
using pairs = std::vector<std::pair<std::string, std::string>>;

const auto& num = int_text;

bool flat_object(const json& value) {
  return value.is_object()
         && std::none_of(value.begin(), value.end(),
                         [](const json& v) { return v.is_structured(); });
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size()
         && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// What an epoch-milliseconds value means to a reader.
struct time_context {
  int64_t now_ms;
  shown_zone zone;
};

// Nested detail as "a.b: value"; an array of flat objects (a ranking's top
// list) reads best as one line per element; "...EpochMs" values are times.
void flatten(const std::string& prefix, const json& value, pairs& out,
             const time_context& at) {
  if (value.is_object()) {
    for (const auto& [key, v] : value.items())
      flatten(prefix.empty() ? key : prefix + "." + key, v, out, at);
  } else if (value.is_array() && !value.empty()) {
    for (size_t i = 0; i < value.size(); ++i) {
      auto name = prefix + "[" + std::to_string(i) + "]";
      if (!flat_object(value[i])) {
        flatten(name, value[i], out, at);
        continue;
      }
      std::string line;
      for (const auto& [key, v] : value[i].items())
        line += (line.empty() ? "" : "  ") + key + "=" + scalar_text(v);
      out.emplace_back(name, line);
    }
  } else if (value.is_number_integer() && ends_with(prefix, "EpochMs")) {
    out.emplace_back(prefix,
                     moment_text(value.get<int64_t>(), at.now_ms, at.zone));
  } else {
    out.emplace_back(prefix, value.is_array() ? "[]" : scalar_text(value));
  }
}

// A figure's value and rate as its kind reads: a rate only for counters,
// a time for instants. A daemon that does not say the kinds sends rates
// for counters only.
std::pair<std::string, std::string>
figure_cells(const json& doc, const std::string& key, const json& value,
             const time_context& at) {
  const auto& kinds = object_field(doc, "figureKinds");
  const auto& rates = object_field(doc, "rates");
  auto kind = string_field(kinds, key.c_str());
  if (kind == "instant" && value.is_number_integer()) {
    auto ms = value.get<int64_t>();
    return {ms > 0 ? moment_text(ms, at.now_ms, at.zone) : "none", "-"};
  }
  bool counter = kinds.empty() ? rates.contains(key) : kind == "counter";
  return {scalar_text(value),
          counter ? decimal_text(number_field(rates, key.c_str())) : "-"};
}

std::string article_state(const json& doc) {
  if (bool_field(doc, "deleted"))
    return "deleted";
  if (bool_field(doc, "known"))
    return "live";
  if (bool_field(doc, "found"))
    return "not created yet (" + num(doc, "pendingEvents")
           + " events wait for its creation)";
  return "unknown to its shard";
}

// The owned partitions after their label, on one line.
std::string owned_text(const json& doc) {
  auto items = owned_partition_items(doc);
  std::string out;
  for (size_t i = 1; i < items.size(); ++i)
    out += (i > 1 ? " " : "") + items[i];
  return out;
}

} // namespace

text_lines actor_text(const json& doc, int64_t now_ms, size_t width) {
  time_context at{now_ms, zone_of(doc)};
  text_lines out;
  out.push_back({fit("actor " + string_field(doc, "name") + " ("
                       + string_field(doc, "kind") + ")",
                     width),
                 line_style::heading});
  out.push_back({fit("messages " + num(doc, "messages") + " ("
                       + rate_text(number_field(doc, "messagesPerSecond"))
                       + ")  mailbox " + num(doc, "mailbox") + "  busy "
                       + percent_text(number_field(doc, "busy")),
                     width)});
  text_table figures;
  figures.column("FIGURE", align::left).column("VALUE").column("RATE/S");
  for (const auto& [key, value] : object_field(doc, "figures").items()) {
    auto [shown, rate] = figure_cells(doc, key, value, at);
    figures.add_row({key, shown, rate});
  }
  if (!figures.empty()) {
    out.push_back({});
    append(out, figures.render(width));
  }
  pairs detail;
  flatten("", object_field(doc, "detail"), detail, at);
  if (!detail.empty()) {
    out.push_back({});
    out.push_back({fit("DETAIL", width), line_style::heading});
    append(out, key_values(detail, width));
  }
  return out;
}

text_lines article_text(const json& doc, size_t width) {
  auto id = num(doc, "articleId");
  text_lines out;
  out.push_back({fit("article " + id + " in shard " + num(doc, "shard"), width),
                 line_style::heading});
  if (!bool_field(doc, "found")) {
    out.push_back({fit("state     unknown to its shard: no event for "
                       "this article is held in memory",
                       width)});
    return out;
  }
  auto versioned = [&](const char* value, const char* version) {
    return num(doc, value) + "  (version " + num(doc, version) + ")";
  };
  append(out,
         key_values({{"state", article_state(doc)},
                     {"title", string_field(doc, "title")},
                     {"day", string_field(doc, "day")},
                     {"created", string_field(doc, "createdAt")},
                     {"board", num(doc, "boardId")},
                     {"score", num(doc, "score")},
                     {"likes", versioned("likes", "likesVersion")},
                     {"comments", versioned("comments", "commentsVersion")},
                     {"views", versioned("views", "viewsVersion")},
                     {"title version", num(doc, "titleVersion")},
                     {"pending events", num(doc, "pendingEvents")}},
                    width));
  return out;
}

text_lines day_text(const json& doc, size_t width) {
  const auto& articles = array_field(doc, "articles");
  text_lines out;
  auto board = doc.contains("board") ? "  board " + num(doc, "board") : "";
  out.push_back({fit("day " + string_field(doc, "day") + board + "  "
                       + (bool_field(doc, "sealed") ? "sealed" : "open")
                       + "  from " + string_field(doc, "source") + "  "
                       + std::to_string(articles.size()) + " articles",
                     width),
                 line_style::heading});
  text_table table;
  table.column("RANK")
    .column("ARTICLE")
    .column("SCORE")
    .column("CREATED", align::left)
    .column("TITLE", align::left);
  for (const auto& a : articles)
    table.add_row({num(a, "rank"), num(a, "articleId"), num(a, "score"),
                   string_field(a, "createdAt"), string_field(a, "title")});
  append(out, table.render(width));
  return out;
}

text_lines redis_text(const json& doc, size_t width) {
  auto last_error = string_field(doc, "lastError");
  return key_values(
    {{"address", string_field(doc, "address", "?")},
     {"connected", bool_field(doc, "connected") ? "yes" : "NO"},
     {"lists written", num(doc, "listsWritten") + " ("
                         + rate_text(number_field(doc, "writesPerSecond"))
                         + ")"},
     {"edits written", num(doc, "editsWritten")},
     {"reserve exhausted", num(doc, "refillExhausted")},
     {"last latency", micros_text(int_field(doc, "lastLatencyMicros"))},
     {"write errors", num(doc, "writeErrors")},
     {"connection errors", num(doc, "connectionErrors")},
     {"pending lists", num(doc, "pendingLists")},
     {"pending ops", num(doc, "pendingOps")},
     {"fenced writes", num(doc, "fencedWrites")},
     {"owned", owned_text(doc)},
     {"mailbox", num(doc, "mailbox")},
     {"last error", last_error.empty() ? "-" : last_error}},
    width);
}

} // namespace hot::console
