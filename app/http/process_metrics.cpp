// The usual process metrics, read from /proc at each scrape.
#include "app/http/process_metrics.hpp"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <vector>

namespace hot {

namespace {

// Seconds since the epoch at boot: /proc/self/stat counts from boot.
std::optional<double> boot_time() {
  std::ifstream in{"/proc/stat"};
  std::string key;
  while (in >> key) {
    if (key == "btime") {
      double seconds = 0;
      in >> seconds;
      return seconds;
    }
    in.ignore(1 << 16, '\n');
  }
  return std::nullopt;
}

std::optional<double> open_fd_count() {
  auto* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr)
    return std::nullopt;
  double count = 0;
  while (auto* entry = ::readdir(dir))
    if (entry->d_name[0] != '.')
      ++count;
  ::closedir(dir);
  // The directory stream itself held one.
  return count - 1;
}

} // namespace

std::optional<process_figures> read_process_figures() {
  std::ifstream in{"/proc/self/stat"};
  std::string line;
  if (!std::getline(in, line))
    return std::nullopt;
  // The command name (field 2) may hold spaces; fields resume after ')'.
  auto close = line.rfind(')');
  if (close == std::string::npos)
    return std::nullopt;
  std::istringstream rest{line.substr(close + 2)};
  std::vector<std::string> fields;
  for (std::string f; rest >> f;)
    fields.push_back(std::move(f));
  // Fields from 3 on, so field n sits at n - 3.
  auto field = [&](size_t n) {
    return std::strtod(fields[n - 3].c_str(), nullptr);
  };
  auto boot = boot_time();
  auto fds = open_fd_count();
  if (fields.size() < 22 || !boot || !fds)
    return std::nullopt;
  double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  double page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  process_figures out;
  out.cpu_seconds = (field(14) + field(15)) / ticks;
  out.start_time_seconds = *boot + field(22) / ticks;
  out.virtual_bytes = field(23);
  out.resident_bytes = field(24) * page;
  out.open_fds = *fds;
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0)
    out.max_fds = static_cast<double>(limit.rlim_cur);
  return out;
}

std::string render_process_metrics(const process_figures& f) {
  std::ostringstream out;
  out << std::setprecision(15);
  auto add = [&out](const char* name, const char* type, const char* help,
                    double value) {
    out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' '
        << type << '\n'
        << name << ' ' << value << '\n';
  };
  add("process_cpu_seconds_total", "counter",
      "User and system CPU time spent, in seconds.", f.cpu_seconds);
  add("process_resident_memory_bytes", "gauge", "Resident memory size.",
      f.resident_bytes);
  add("process_virtual_memory_bytes", "gauge", "Virtual memory size.",
      f.virtual_bytes);
  add("process_start_time_seconds", "gauge",
      "When the process started, in Unix seconds.", f.start_time_seconds);
  add("process_open_fds", "gauge", "Open file descriptors.", f.open_fds);
  add("process_max_fds", "gauge", "The most file descriptors it may open.",
      f.max_fds);
  return out.str();
}

} // namespace hot
