// Child processes for e2e tests: the daemon, the generator, kcat.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace hot::test {

/// A child process with its output in a log file. Killed (SIGKILL) on
/// destruction if still running.
class child_process {
public:
  /// `input`: when set, a pipe to the child's stdin (see `write_stdin`).
  child_process(std::vector<std::string> argv, std::string log_path,
                std::vector<std::string> extra_env = {},
                bool with_stdin = false);
  ~child_process();

  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  void signal(int sig);

  void write_stdin(const std::string& data);
  void close_stdin();

  /// The exit code (128 + signal when killed), if it ended in time.
  std::optional<int> wait(std::chrono::milliseconds timeout);

  bool running();

  /// The child's process id, e.g. to read its CPU clock.
  pid_t pid() const {
    return pid_;
  }

  /// What the child wrote to stdout and stderr so far.
  std::string output() const;

private:
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  std::string log_path_;
  std::optional<int> status_;
};

/// Runs a command to its end; its exit code and combined output.
struct run_result {
  int exit_code;
  std::string output;
};
run_result run_command(std::vector<std::string> argv,
                       std::chrono::milliseconds timeout,
                       const std::string& input = {});

/// build/bin of this build (set by CMake), or $HOT_TEST_BIN_DIR when set.
std::string bin(const std::string& name);

} // namespace hot::test
