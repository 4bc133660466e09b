// The live overview: a full-screen ncurses view refreshed every second.
#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "app/console/admin_client.hpp"
#include "app/console/overview_text.hpp"
#include "app/console/text_line.hpp"

struct screen; // ncurses' SCREEN

namespace hot::console {

/// Why the overview returned.
enum class screen_exit { quit, command_line };

/// Owns curses mode: entered by `run`, left before `run` returns, so the
/// command line below it has the plain terminal.
class overview_screen {
public:
  explicit overview_screen(admin_client& client);
  ~overview_screen();

  overview_screen(const overview_screen&) = delete;
  overview_screen& operator=(const overview_screen&) = delete;

  /// Sets up curses on stdin/stdout; false (and why) when the terminal
  /// cannot be driven, e.g. an unknown TERM.
  bool open(std::string& error);

  /// Refreshes every second and handles keys until `q` or `:`. While the
  /// daemon cannot be reached, shows why and keeps trying.
  screen_exit run();

private:
  void fetch();
  void draw();
  void draw_line(int row, const text_line& line, int columns);
  void adopt_terminal_size();
  text_lines body(size_t width) const;

  admin_client& client_;
  ::screen* screen_ = nullptr;
  actor_order order_ = actor_order::mailbox;
  nlohmann::json overview_;
  nlohmann::json actors_;
  std::string error_;
  std::string updated_;
  int scroll_ = 0;
  int page_ = 1;
  bool color_ = false;
};

} // namespace hot::console
