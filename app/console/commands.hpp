// The console's commands: parsing, TAB completion, the route each reads and
// how its answer reads as text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/console/text_line.hpp"
#include "app/console/text_width.hpp"

namespace hot::console {

enum class command_kind {
  overview,
  actors,
  actor,
  article,
  day,
  boards,
  partitions,
  shards,
  rankings,
  redis,
  top,
  help,
  quit,
};

/// A checked command: `args` are valid for its kind.
struct command {
  command_kind kind = command_kind::overview;
  std::vector<std::string> args;
  /// `day ... --board B`: the board whose list to show.
  std::optional<std::string> board;
};

/// A command, or the error to show; neither for an empty line.
struct parsed_command {
  std::optional<command> parsed;
  std::string error;
};

/// Words as typed (`actor` joins the rest into one name, which has spaces).
parsed_command parse_command(const std::vector<std::string>& words);

/// A line split at blanks, then `parse_command`.
parsed_command parse_command_line(const std::string& line);

/// The URL-encoded admin route the command reads; empty for help and quit.
std::string command_path(const command& cmd);

/// True for routes answered by state dumps, which take the daemon longer.
bool is_slow(const command& cmd);

/// The command's answer as text; ages relative to `now_ms` (epoch ms).
text_lines render_command(const command& cmd, const nlohmann::json& doc,
                          int64_t now_ms, size_t width = unlimited);

/// Every command with its arguments and what it shows.
text_lines help_text(size_t width = unlimited);

/// What may replace `word`, the last `word.size()` bytes of
/// `before_cursor`: command names first, actor names after `actor` (whose
/// spaces mean the name may span several words), mailbox|rate after `top`.
std::vector<std::string>
completions(const std::string& before_cursor, const std::string& word,
            const std::vector<std::string>& actor_names);

} // namespace hot::console
