// A program running in a detached tmux session, as an operator would run
// it, with the pane's text readable by the test.
#include "tests/e2e/console/tmux_session.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <stdexcept>

#include "tests/e2e/process.hpp"

namespace hot::test {

namespace {

constexpr auto tmux_timeout = std::chrono::seconds{10};

std::string unique_name() {
  static std::atomic<int> count{0};
  return "hot-console-" + std::to_string(::getpid()) + "-"
         + std::to_string(++count);
}

} // namespace

tmux_session::tmux_session(const std::string& dir, const std::string& command,
                           int columns, int rows)
  : socket_(unique_name()),
    config_(dir + "/" + socket_ + ".conf"),
    status_(dir + "/" + socket_ + ".status") {
  target_ = socket_ + ":0.0";
  std::ofstream{config_} << "set -g remain-on-exit on\n";
  // tmux 3.3a sometimes loses a dead pane's status (the pty's end wins the
  // race with SIGCHLD), so the pane's shell writes it to a file, whole or
  // not at all.
  auto recorded = command + "; echo $? >" + status_ + ".part && mv " + status_
                  + ".part " + status_;
  // -u: the pane is UTF-8 whatever the test's locale.
  tmux({"-u", "new-session", "-d", "-s", socket_, "-x", std::to_string(columns),
        "-y", std::to_string(rows), recorded});
}

tmux_session::~tmux_session() {
  try {
    run_command({"tmux", "-L", socket_, "kill-server"}, tmux_timeout);
  } catch (...) {
    // Nothing left to do: the server ends with its last session anyway.
  }
  ::unlink(config_.c_str());
  ::unlink(status_.c_str());
}

std::string tmux_session::tmux(std::vector<std::string> args) const {
  args.insert(args.begin(), {"tmux", "-L", socket_, "-f", config_});
  auto result = run_command(std::move(args), tmux_timeout);
  if (result.exit_code != 0)
    throw std::runtime_error("tmux failed: " + result.output);
  return result.output;
}

std::string tmux_session::capture() const {
  return tmux({"-u", "capture-pane", "-p", "-t", target_});
}

void tmux_session::send_keys(const std::vector<std::string>& keys) const {
  std::vector<std::string> args{"send-keys", "-t", target_};
  args.insert(args.end(), keys.begin(), keys.end());
  tmux(std::move(args));
}

void tmux_session::type(const std::string& text) const {
  tmux({"send-keys", "-t", target_, "-l", text});
}

void tmux_session::resize(int columns, int rows) const {
  tmux({"resize-window", "-t", target_, "-x", std::to_string(columns), "-y",
        std::to_string(rows)});
}

std::optional<int> tmux_session::exit_status() const {
  std::ifstream in{status_};
  int status = 0;
  if (!(in >> status))
    return std::nullopt;
  return status;
}

} // namespace hot::test
