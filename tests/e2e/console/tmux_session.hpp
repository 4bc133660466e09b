// A program running in a detached tmux session, as an operator would run
// it, with the pane's text readable by the test.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace hot::test {

/// A detached session of `columns` x `rows` running `command` on a tmux
/// server of its own (its own socket and an empty config), so a user's
/// tmux is never touched. The server is killed on destruction, also when a
/// test fails. `command` runs under sh, which records its exit status.
class tmux_session {
public:
  /// `dir`: where the server's config file goes.
  tmux_session(const std::string& dir, const std::string& command, int columns,
               int rows);
  ~tmux_session();

  tmux_session(const tmux_session&) = delete;
  tmux_session& operator=(const tmux_session&) = delete;

  /// The pane's visible text, one line per row, trailing blanks trimmed.
  std::string capture() const;

  /// tmux key names: "Enter", "Tab", ":", "q".
  void send_keys(const std::vector<std::string>& keys) const;

  /// `text` typed literally.
  void type(const std::string& text) const;

  void resize(int columns, int rows) const;

  /// The program's exit status once it ended.
  std::optional<int> exit_status() const;

private:
  std::string tmux(std::vector<std::string> args) const;

  std::string socket_;
  std::string config_;
  std::string status_;
  std::string target_;
};

} // namespace hot::test
