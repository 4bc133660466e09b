// hot-articles-console: the operators' view inside the running daemon.
#include <langinfo.h>
#include <unistd.h>

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "app/console/admin_client.hpp"
#include "app/console/command_line.hpp"
#include "app/console/commands.hpp"
#include "app/console/console_options.hpp"
#include "app/console/interactive_session.hpp"
#include "app/console/number_format.hpp"
#include "app/console/terminal_size.hpp"
#include "common/version.hpp"

using namespace hot::console;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_failed = 1;
constexpr int exit_usage = 2;

void complain(const std::string& text) {
  std::fprintf(stderr, "hot-articles-console: %s\n", text.c_str());
}

// Titles are UTF-8 whatever the environment says: widths (wcwidth) and
// curses need a UTF-8 LC_CTYPE, so fall back to C.UTF-8 under LANG=C.
void use_utf8_locale() {
  std::setlocale(LC_ALL, "");
  if (std::strcmp(::nl_langinfo(CODESET), "UTF-8") != 0)
    std::setlocale(LC_CTYPE, "C.UTF-8");
}

int run_once(admin_client& client, const console_options& options) {
  auto words = options.command;
  if (words.empty())
    words = {"overview"};
  auto parsed = parse_command(words);
  if (!parsed.parsed) {
    complain(parsed.error);
    return exit_usage;
  }
  const auto& cmd = *parsed.parsed;
  if (cmd.kind == command_kind::quit) {
    complain("quit only means something in the interactive console");
    return exit_usage;
  }
  if (cmd.kind == command_kind::help) {
    print_lines(help_text(output_width(STDOUT_FILENO)), stdout);
    return exit_ok;
  }
  auto reply = client.get(command_path(cmd), is_slow(cmd));
  if (!reply) {
    complain(reply.error->message);
    // The daemon refused an argument: bad usage, like one refused here.
    return reply.error->code == admin_errc::bad_request ? exit_usage
                                                        : exit_failed;
  }
  if (options.json) {
    auto text = reply.body.dump(2, ' ', false,
                                nlohmann::json::error_handler_t::replace);
    std::fputs(text.c_str(), stdout);
    std::fputc('\n', stdout);
    return exit_ok;
  }
  print_lines(render_command(cmd, reply.body, now_epoch_ms(),
                             output_width(STDOUT_FILENO)),
              stdout);
  return exit_ok;
}

int run(int argc, char** argv) {
  use_utf8_locale();
  std::vector<std::string> args(argv + 1, argv + argc);
  auto outcome = parse_options(args, std::getenv("HOT_ARTICLES_ADMIN_TOKEN"));
  if (!outcome.error.empty()) {
    complain(outcome.error);
    return exit_usage;
  }
  const auto& options = outcome.options;
  if (options.help) {
    std::fputs(usage_text().c_str(), stdout);
    return exit_ok;
  }
  if (options.version) {
    std::puts(hot::version_line("hot-articles-console").c_str());
    return exit_ok;
  }
  admin_client client{options.admin, options.token};
  if (options.once)
    return run_once(client, options);
  if (::isatty(STDIN_FILENO) == 0 || ::isatty(STDOUT_FILENO) == 0) {
    complain("the live view needs a terminal; use --once for plain output");
    return exit_usage;
  }
  interactive_session session{client, command_line::default_history_path()};
  return session.run();
}

} // namespace

int main(int argc, char** argv) {
  // Destructors restore the terminal while an exception unwinds to here.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    complain(std::string{"internal error: "} + e.what());
  } catch (...) {
    complain("internal error");
  }
  return exit_failed;
}
