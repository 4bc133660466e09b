// The console's commands: parsing, TAB completion, the route each reads and
// how its answer reads as text.
#include "app/console/commands.hpp"

#include <array>
#include <sstream>

#include "app/console/admin_client.hpp"
#include "app/console/command_args.hpp"
#include "app/console/json_fields.hpp"
#include "app/console/overview_text.hpp"
#include "app/console/state_views.hpp"
#include "app/console/text_table.hpp"
#include "app/console/text_views.hpp"

namespace hot::console {

namespace {

struct command_spec {
  const char* name;
  command_kind kind;
  const char* usage;
  const char* summary;
};

constexpr std::array<command_spec, 13> specs{{
  {"overview", command_kind::overview, "overview",
   "back to the live overview (--once: print it)"},
  {"actors", command_kind::actors, "actors",
   "every actor: kind, mailbox, message rate, busy share"},
  {"actor", command_kind::actor, "actor NAME",
   "one actor's figures and detail (TAB completes NAME)"},
  {"article", command_kind::article, "article ID",
   "an article's state in its shard: title, counts, score"},
  {"day", command_kind::day, "day YYYYMMDD [N] [--board B]",
   "a day's ranking, best first (N entries, default 50), or board B's"},
  {"boards", command_kind::boards, "boards YYYYMMDD [N]",
   "the day's N most active boards (default 10) and their best article"},
  {"partitions", command_kind::partitions, "partitions",
   "offsets, lag, in-flight and rate of each partition"},
  {"shards", command_kind::shards, "shards",
   "articles, pending events and tombstones of each shard"},
  {"rankings", command_kind::rankings, "rankings",
   "open days: top 10 and last flush"},
  {"redis", command_kind::redis, "redis",
   "the Redis writer: connection, writes, latency, errors"},
  {"top", command_kind::top, "top [mailbox|rate] [N]",
   "the N actors with the fullest mailboxes or highest rates"},
  {"help", command_kind::help, "help", "this list"},
  {"quit", command_kind::quit, "quit", "leave the console"},
}};

std::vector<std::string> starting_with(const std::vector<std::string>& all,
                                       const std::string& prefix,
                                       size_t keep_from) {
  std::vector<std::string> out;
  for (const auto& s : all)
    if (s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0)
      out.push_back(s.substr(keep_from));
  return out;
}

} // namespace

parsed_command parse_command(const std::vector<std::string>& words) {
  if (words.empty())
    return {};
  for (const auto& spec : specs) {
    if (words[0] != spec.name)
      continue;
    std::vector<std::string> args(words.begin() + 1, words.end());
    if (spec.kind == command_kind::actor && !args.empty()) {
      std::string name = args[0];
      for (size_t i = 1; i < args.size(); ++i)
        name += " " + args[i];
      args = {name};
    }
    std::optional<std::string> board;
    auto error = check_command_args(spec.kind, spec.usage, args, board);
    if (!error.empty())
      return {std::nullopt, error};
    return {command{spec.kind, std::move(args), std::move(board)}, ""};
  }
  return {std::nullopt,
          "unknown command '" + words[0] + "'; type help for the list"};
}

parsed_command parse_command_line(const std::string& line) {
  std::istringstream in{line};
  std::vector<std::string> words;
  for (std::string word; in >> word;)
    words.push_back(word);
  return parse_command(words);
}

std::string command_path(const command& cmd) {
  const std::string base = "/admin/v1/";
  switch (cmd.kind) {
    case command_kind::overview:
      return base + "overview";
    case command_kind::actors:
      return base + "actors";
    case command_kind::actor:
      return base + "actors/" + url_encode(cmd.args.at(0));
    case command_kind::article:
      return base + "articles/" + cmd.args.at(0);
    case command_kind::day: {
      std::string query;
      if (cmd.board)
        query += "&board=" + *cmd.board;
      if (cmd.args.size() > 1)
        query += "&n=" + cmd.args[1];
      if (!query.empty())
        query[0] = '?';
      return base + "days/" + cmd.args.at(0) + query;
    }
    case command_kind::boards:
      return base + "boards/" + cmd.args.at(0)
             + (cmd.args.size() > 1 ? "?n=" + cmd.args[1] : "");
    case command_kind::partitions:
      return base + "partitions";
    case command_kind::shards:
      return base + "shards";
    case command_kind::rankings:
      return base + "rankings";
    case command_kind::redis:
      return base + "redis";
    case command_kind::top:
      return base + "top?by=" + url_encode(cmd.args.at(0))
             + "&n=" + cmd.args.at(1);
    case command_kind::help:
    case command_kind::quit:
      break;
  }
  return {};
}

bool is_slow(const command& cmd) {
  return cmd.kind == command_kind::article || cmd.kind == command_kind::day;
}

text_lines render_command(const command& cmd, const nlohmann::json& doc,
                          int64_t now_ms, size_t width) {
  switch (cmd.kind) {
    case command_kind::overview:
      return overview_text(doc, array_field(doc, "topMailboxes"),
                           actor_order::mailbox, now_ms, width);
    case command_kind::actors:
      return actors_text(doc, width);
    case command_kind::actor:
      return actor_text(doc, now_ms, width);
    case command_kind::article:
      return article_text(doc, width);
    case command_kind::day:
      return day_text(doc, width);
    case command_kind::boards:
      return boards_text(doc, width);
    case command_kind::partitions:
      return partitions_text(doc, width);
    case command_kind::shards:
      return shards_text(doc, width);
    case command_kind::rankings:
      return rankings_text(doc, now_ms, width);
    case command_kind::redis:
      return redis_text(doc, width);
    case command_kind::top:
      return top_text(doc, width);
    case command_kind::help:
      return help_text(width);
    case command_kind::quit:
      break;
  }
  return {};
}

text_lines help_text(size_t width) {
  std::vector<std::pair<std::string, std::string>> items;
  for (const auto& spec : specs)
    items.emplace_back(spec.usage, spec.summary);
  auto out = key_values(items, width);
  out.push_back({fit("An empty line returns to the overview; TAB completes "
                     "commands and actor names; history is kept in "
                     "~/.hot_articles_console_history.",
                     width)});
  return out;
}

std::vector<std::string>
completions(const std::string& before_cursor, const std::string& word,
            const std::vector<std::string>& actor_names) {
  auto first = before_cursor.find_first_not_of(' ');
  if (first == std::string::npos)
    first = before_cursor.size();
  auto line = before_cursor.substr(first);
  auto space = line.find(' ');
  if (space == std::string::npos) {
    std::vector<std::string> names;
    for (const auto& spec : specs)
      names.emplace_back(spec.name);
    return starting_with(names, word, 0);
  }
  auto verb = line.substr(0, space);
  auto arg_start = line.find_first_not_of(' ', space);
  auto rest = arg_start == std::string::npos ? std::string{}
                                             : line.substr(arg_start);
  // The completed word must be the tail of what was typed after the verb.
  if (rest.size() < word.size()
      || rest.compare(rest.size() - word.size(), word.size(), word) != 0)
    return {};
  if (verb == "actor")
    return starting_with(actor_names, rest, rest.size() - word.size());
  if (verb == "top" && rest == word)
    return starting_with({"mailbox", "rate"}, word, 0);
  return {};
}

} // namespace hot::console
