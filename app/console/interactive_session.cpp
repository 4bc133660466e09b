// The interactive console: the live overview, and the command line that
// `:` opens below it.
#include "app/console/interactive_session.hpp"

#include <unistd.h>

#include <cstdio>

#include "app/console/json_fields.hpp"
#include "app/console/number_format.hpp"
#include "app/console/terminal_size.hpp"

namespace hot::console {

namespace {

constexpr const char* prompt = "hot-articles> ";

void say(const std::string& text) {
  std::fputs(text.c_str(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

} // namespace

interactive_session::interactive_session(admin_client& client,
                                         std::string history_path)
  : client_(client), screen_(client), line_(std::move(history_path)) {
}

int interactive_session::run() {
  std::string error;
  if (!screen_.open(error)) {
    std::fprintf(stderr, "hot-articles-console: %s\n", error.c_str());
    return 1;
  }
  while (screen_.run() == screen_exit::command_line)
    if (!command_mode())
      break;
  return 0;
}

bool interactive_session::command_mode() {
  // Names for TAB after `actor`; without the daemon, commands still work.
  std::vector<std::string> names;
  if (auto actors = client_.get("/admin/v1/actors"))
    for (const auto& a : array_field(actors.body, "actors"))
      names.push_back(string_field(a, "name"));
  line_.set_actor_names(std::move(names));
  say("Commands: type help for the list, TAB completes, an empty line "
      "returns to the overview.");
  while (true) {
    auto input = line_.read(prompt);
    if (!input)
      return false; // Ctrl-D
    auto parsed = parse_command_line(*input);
    if (!parsed.parsed) {
      if (parsed.error.empty())
        return true; // An empty line.
      say(parsed.error);
      continue;
    }
    switch (parsed.parsed->kind) {
      case command_kind::overview:
        return true;
      case command_kind::quit:
        return false;
      default:
        execute(*parsed.parsed);
    }
  }
}

void interactive_session::execute(const command& cmd) {
  auto width = output_width(STDOUT_FILENO);
  if (cmd.kind == command_kind::help) {
    print_lines(help_text(width), stdout);
    return;
  }
  auto reply = client_.get(command_path(cmd), is_slow(cmd));
  if (!reply) {
    say("error: " + reply.error->message);
    return;
  }
  print_lines(render_command(cmd, reply.body, now_epoch_ms(), width), stdout);
}

} // namespace hot::console
