// The console's command line for the banner: a path that runs as pasted.
#include "app/daemon/console_command.hpp"

#include <cstdlib>
#include <sstream>
#include <system_error>

namespace hot {

namespace {

constexpr const char* console_name = "hot-articles-console";

// Whether `dir` is one of PATH's directories, where a bare name is found.
bool on_path(const std::filesystem::path& dir) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs{path == nullptr ? "" : path};
  for (std::string entry; std::getline(dirs, entry, ':');)
    if (!entry.empty()
        && std::filesystem::path{entry}.lexically_normal() == dir)
      return true;
  return false;
}

} // namespace

std::string console_path_from(const std::filesystem::path& daemon_exe,
                              const std::filesystem::path& cwd) {
  auto absolute = daemon_exe.parent_path() / console_name;
  auto relative = absolute.lexically_relative(cwd);
  if (relative.empty())
    return absolute.string();
  // A bare name would be looked up on PATH, not here.
  auto shown = relative.has_parent_path() ? relative.string()
                                          : "./" + relative.string();
  return shown.size() < absolute.string().size() ? shown : absolute.string();
}

std::string console_path() {
  std::error_code err;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", err);
  if (err)
    return console_name;
  auto cwd = std::filesystem::current_path(err);
  if (err)
    cwd = "/";
  if (!std::filesystem::exists(exe.parent_path() / console_name, err)
      || on_path(exe.parent_path()))
    return console_name;
  return console_path_from(exe, cwd);
}

} // namespace hot
