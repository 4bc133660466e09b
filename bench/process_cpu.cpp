// CPU time of other processes.
#include "bench/process_cpu.hpp"

#include <time.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace hot::bench {

namespace {

// The fields of /proc/.../stat after the name, which is in parentheses and
// may hold spaces: field 3 (state) is the first.
struct stat_line {
  std::string name;
  std::vector<std::string> fields;
};

std::optional<stat_line> read_stat(const std::filesystem::path& path) {
  std::ifstream in{path};
  std::string text;
  if (!std::getline(in, text))
    return std::nullopt;
  auto open = text.find('(');
  auto close = text.rfind(')');
  if (open == std::string::npos || close == std::string::npos)
    return std::nullopt;
  stat_line out;
  out.name = text.substr(open + 1, close - open - 1);
  std::istringstream rest{text.substr(close + 1)};
  for (std::string field; rest >> field;)
    out.fields.push_back(field);
  return out;
}

// Fields are numbered from 1 as in proc(5); fields[0] is field 3.
const std::string& field(const stat_line& s, size_t number) {
  return s.fields.at(number - 3);
}

} // namespace

double cpu_seconds(pid_t pid) {
  clockid_t clock{};
  timespec now{};
  if (::clock_getcpuclockid(pid, &clock) != 0
      || ::clock_gettime(clock, &now) != 0)
    throw std::runtime_error("cannot read the CPU clock of process "
                             + std::to_string(pid));
  return static_cast<double>(now.tv_sec)
         + static_cast<double>(now.tv_nsec) / 1e9;
}

std::map<std::string, double> thread_cpu_by_name(pid_t pid) {
  static const auto ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  std::map<std::string, double> out;
  std::error_code ec;
  auto dir = "/proc/" + std::to_string(pid) + "/task";
  for (const auto& task : std::filesystem::directory_iterator{dir, ec}) {
    auto s = read_stat(task.path() / "stat");
    if (!s || s->fields.size() < 13)
      continue; // the thread ended while the directory was read
    out[s->name] += (std::stod(field(*s, 14)) + std::stod(field(*s, 15)))
                    / ticks;
  }
  if (ec)
    throw std::runtime_error("cannot list the threads of process "
                             + std::to_string(pid));
  return out;
}

std::optional<pid_t> child_named(const std::string& name) {
  std::optional<pid_t> out;
  auto self = std::to_string(::getpid());
  for (const auto& entry : std::filesystem::directory_iterator{"/proc"}) {
    const auto& id = entry.path().filename().string();
    if (id.find_first_not_of("0123456789") != std::string::npos)
      continue;
    auto s = read_stat(entry.path() / "stat");
    if (!s || s->fields.size() < 2 || field(*s, 4) != self
        || s->name.rfind(name.substr(0, 15), 0) != 0)
      continue;
    auto pid = static_cast<pid_t>(std::stol(id));
    if (!out || pid < *out)
      out = pid;
  }
  return out;
}

} // namespace hot::bench
