// State dumps on demand: one actor, one article, one day, the Redis writer.
#include "app/console/state_views.hpp"

#include <algorithm>
#include <utility>

#include "app/console/json_fields.hpp"
#include "app/console/number_format.hpp"
#include "app/console/text_table.hpp"
#include "app/console/text_views.hpp"

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

// Nested detail as "a.b: value"; an array of flat objects (a ranking's top
// list) reads best as one line per element.
void flatten(const std::string& prefix, const json& value, pairs& out) {
  if (value.is_object()) {
    for (const auto& [key, v] : value.items())
      flatten(prefix.empty() ? key : prefix + "." + key, v, out);
  } else if (value.is_array() && !value.empty()) {
    for (size_t i = 0; i < value.size(); ++i) {
      auto name = prefix + "[" + std::to_string(i) + "]";
      if (!flat_object(value[i])) {
        flatten(name, value[i], out);
        continue;
      }
      std::string line;
      for (const auto& [key, v] : value[i].items())
        line += (line.empty() ? "" : "  ") + key + "=" + scalar_text(v);
      out.emplace_back(name, line);
    }
  } else {
    out.emplace_back(prefix, value.is_array() ? "[]" : scalar_text(value));
  }
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

} // namespace

text_lines actor_text(const json& doc, size_t width) {
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
  const auto& rates = object_field(doc, "rates");
  for (const auto& [key, value] : object_field(doc, "figures").items())
    figures.add_row({key, scalar_text(value),
                     decimal_text(number_field(rates, key.c_str()))});
  if (!figures.empty()) {
    out.push_back({});
    append(out, figures.render(width));
  }
  pairs detail;
  flatten("", object_field(doc, "detail"), detail);
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
  out.push_back({fit("day " + string_field(doc, "day") + "  "
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
     {"last latency", micros_text(int_field(doc, "lastLatencyMicros"))},
     {"write errors", num(doc, "writeErrors")},
     {"connection errors", num(doc, "connectionErrors")},
     {"pending lists", num(doc, "pendingLists")},
     {"pending ops", num(doc, "pendingOps")},
     {"fenced writes", num(doc, "fencedWrites")},
     {"owned", owned_partitions_text(doc).substr(
                 std::string{"owned internal partitions (epoch): "}.size())},
     {"mailbox", num(doc, "mailbox")},
     {"last error", last_error.empty() ? "-" : last_error}},
    width);
}

} // namespace hot::console
