// Reading a CAF INI config file into dotted settings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/daemon/ini_scan.hpp"

namespace hot {

/// One setting of a config file: its dotted name ("kafka.topics.article",
/// from `[kafka.topics] article=...`) and its value as the text a command
/// line would carry, or, for a list, its items.
struct file_setting {
  std::string name;
  std::optional<std::string> text;
  std::optional<std::vector<std::string>> list;
  size_t line = 0; // 0 when not known
};

struct file_contents {
  std::vector<file_setting> settings;
  /// Set when the file is malformed.
  std::optional<ini_problem> error;
};

/// Parses with CAF's own INI parser; nested groups become dotted names.
/// Whole-line '#' comments are read as ';' ones.
file_contents read_config_file(const std::string& path);

} // namespace hot
