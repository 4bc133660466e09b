// The console's command line for the banner: a path that runs as pasted.
#pragma once

#include <filesystem>
#include <string>

namespace hot {

/// The console beside the daemon binary `daemon_exe`, as typed from
/// `cwd`: relative when that is shorter ("build/bin/hot-articles-console",
/// "./hot-articles-console"), else absolute.
std::string console_path_from(const std::filesystem::path& daemon_exe,
                              const std::filesystem::path& cwd);

/// The same for this process (/proc/self/exe, the current directory);
/// "hot-articles-console" when the daemon's directory is on PATH, or when
/// no console sits beside it (then PATH is the best guess).
std::string console_path();

} // namespace hot
