// The console's command line: libedit's readline with history and TAB
// completion of commands and actor names.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace hot::console {

/// Reads commands with line editing. History is loaded at construction and
/// saved after every line, so a killed console loses nothing. readline's
/// completion hook is global: only one command_line may exist at a time.
class command_line {
public:
  /// `history_path` empty: no history file.
  explicit command_line(std::string history_path);
  ~command_line();

  command_line(const command_line&) = delete;
  command_line& operator=(const command_line&) = delete;

  /// Names TAB offers after `actor`, from the daemon's actor list.
  void set_actor_names(std::vector<std::string> names);

  /// A line without surrounding blanks (added to the history when not
  /// empty), or nothing at end of input (Ctrl-D).
  std::optional<std::string> read(const std::string& prompt);

  /// ~/.hot_articles_console_history, or empty without a home directory.
  static std::string default_history_path();

private:
  static char** complete(const char* text, int start, int end);
  static char* next_match(const char* text, int state);

  std::string history_path_;
  std::vector<std::string> actor_names_;
  std::vector<std::string> matches_;
  std::string last_line_;
};

} // namespace hot::console
