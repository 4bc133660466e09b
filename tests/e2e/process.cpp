// Child processes for e2e tests: the daemon, the generator, kcat.
#include "tests/e2e/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tests/support/wait.hpp"

extern char** environ;

namespace hot::test {

namespace {

int decode_status(int status) {
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return -1;
}

} // namespace

child_process::child_process(std::vector<std::string> argv,
                             std::string log_path,
                             std::vector<std::string> extra_env,
                             bool with_stdin)
  : log_path_(std::move(log_path)) {
  int pipe_fds[2] = {-1, -1};
  if (with_stdin && ::pipe(pipe_fds) != 0)
    throw std::runtime_error("pipe failed");
  pid_ = ::fork();
  if (pid_ < 0)
    throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // A child must not outlive a test that crashes.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    int log = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(log, STDOUT_FILENO);
    ::dup2(log, STDERR_FILENO);
    if (with_stdin) {
      ::dup2(pipe_fds[0], STDIN_FILENO);
      ::close(pipe_fds[1]);
    } else {
      int null = ::open("/dev/null", O_RDONLY);
      ::dup2(null, STDIN_FILENO);
    }
    // The daemon blocks signals on its own; children start with none.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (auto& entry : extra_env)
      ::putenv(entry.data());
    std::vector<char*> args;
    for (auto& a : argv)
      args.push_back(a.data());
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    std::perror("exec");
    ::_exit(127);
  }
  if (with_stdin) {
    ::close(pipe_fds[0]);
    stdin_fd_ = pipe_fds[1];
  }
}

child_process::~child_process() {
  close_stdin();
  if (running()) {
    ::kill(pid_, SIGKILL);
    wait(std::chrono::seconds{10});
  }
}

void child_process::signal(int sig) {
  if (!status_)
    ::kill(pid_, sig);
}

void child_process::write_stdin(const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    auto n = ::write(stdin_fd_, data.data() + done, data.size() - done);
    if (n <= 0)
      throw std::runtime_error("writing to a child's stdin failed");
    done += static_cast<size_t>(n);
  }
}

void child_process::close_stdin() {
  if (stdin_fd_ >= 0) {
    ::close(stdin_fd_);
    stdin_fd_ = -1;
  }
}

std::optional<int> child_process::wait(std::chrono::milliseconds timeout) {
  wait_until(
    timeout,
    [this] {
      int status = 0;
      if (!status_ && ::waitpid(pid_, &status, WNOHANG) == pid_)
        status_ = decode_status(status);
      return status_.has_value();
    },
    std::chrono::milliseconds{10});
  return status_;
}

bool child_process::running() {
  return !wait(std::chrono::milliseconds{0});
}

std::string child_process::output() const {
  std::ifstream in{log_path_};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

run_result run_command(std::vector<std::string> argv,
                       std::chrono::milliseconds timeout,
                       const std::string& input) {
  char pattern[] = "/tmp/hot-e2e-cmd-XXXXXX";
  int fd = ::mkstemp(pattern);
  ::close(fd);
  child_process child{std::move(argv), pattern, {}, true};
  if (!input.empty())
    child.write_stdin(input);
  child.close_stdin();
  auto code = child.wait(timeout);
  auto out = child.output();
  ::unlink(pattern);
  if (!code)
    throw std::runtime_error("command timed out:\n" + out);
  return run_result{*code, out};
}

std::string bin(const std::string& name) {
  // A copy of the binaries elsewhere keeps long runs apart from rebuilds.
  const char* dir = std::getenv("HOT_TEST_BIN_DIR");
  return std::string{dir != nullptr && *dir != '\0' ? dir : HOT_BIN_DIR} + "/"
         + name;
}

} // namespace hot::test
