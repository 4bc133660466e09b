// The console's command line: libedit's readline with history and TAB
// completion of commands and actor names.
#include "app/console/command_line.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <editline/readline.h>

#include "app/console/commands.hpp"

namespace hot::console {

namespace {

constexpr int history_size = 1000;

// readline calls plain functions; this is the instance they serve.
command_line* active = nullptr;

} // namespace

command_line::command_line(std::string history_path)
  : history_path_(std::move(history_path)) {
  active = this;
  rl_readline_name = "hot-articles-console";
  rl_attempted_completion_function = &command_line::complete;
  using_history();
  stifle_history(history_size);
  // A missing file is the first run, not an error.
  if (!history_path_.empty())
    read_history(history_path_.c_str());
}

command_line::~command_line() {
  rl_attempted_completion_function = nullptr;
  active = nullptr;
}

void command_line::set_actor_names(std::vector<std::string> names) {
  actor_names_ = std::move(names);
}

std::optional<std::string> command_line::read(const std::string& prompt) {
  char* raw = readline(prompt.c_str());
  if (raw == nullptr)
    return std::nullopt;
  std::string typed{raw};
  std::free(raw);
  auto first = typed.find_first_not_of(" \t");
  if (first == std::string::npos)
    return std::string{};
  auto line = typed.substr(first, typed.find_last_not_of(" \t") - first + 1);
  // Repeating the last command adds nothing to the history.
  if (line != last_line_) {
    add_history(line.c_str());
    last_line_ = line;
    if (!history_path_.empty())
      write_history(history_path_.c_str());
  }
  return line;
}

std::string command_line::default_history_path() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    const auto* pw = ::getpwuid(::getuid());
    home = pw != nullptr ? pw->pw_dir : nullptr;
  }
  if (home == nullptr || *home == '\0')
    return {};
  return std::string{home} + "/.hot_articles_console_history";
}

char** command_line::complete(const char* text, int, int) {
  // Never fall back to file names: nothing here takes a path.
  rl_attempted_completion_over = 1;
  if (active == nullptr)
    return nullptr;
  std::string before = rl_line_buffer != nullptr ? rl_line_buffer : "";
  if (rl_point >= 0 && static_cast<size_t>(rl_point) < before.size())
    before.resize(static_cast<size_t>(rl_point));
  active->matches_ = completions(before, text, active->actor_names_);
  if (active->matches_.empty())
    return nullptr;
  return rl_completion_matches(text, &command_line::next_match);
}

char* command_line::next_match(const char*, int state) {
  if (active == nullptr || state < 0
      || static_cast<size_t>(state) >= active->matches_.size())
    return nullptr;
  // readline frees what it gets.
  return ::strdup(active->matches_[static_cast<size_t>(state)].c_str());
}

} // namespace hot::console
