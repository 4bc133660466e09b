// The interactive console: the live overview, and the command line that
// `:` opens below it.
#pragma once

#include <string>

#include "app/console/admin_client.hpp"
#include "app/console/command_line.hpp"
#include "app/console/commands.hpp"
#include "app/console/overview_screen.hpp"

namespace hot::console {

/// Alternates between the overview (curses) and the command line (plain
/// terminal, libedit) until the operator quits.
class interactive_session {
public:
  interactive_session(admin_client& client, std::string history_path);

  /// The exit code: 0 after `q` or `quit`, 1 when the terminal cannot be
  /// driven.
  int run();

private:
  /// Reads and runs commands until an empty line or `overview` (true) or
  /// `quit` or end of input (false).
  bool command_mode();

  void execute(const command& cmd);

  admin_client& client_;
  overview_screen screen_;
  command_line line_;
};

} // namespace hot::console
