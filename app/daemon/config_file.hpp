// Reading a CAF INI config file into dotted settings.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace hot {

/// One setting of a config file: its dotted name ("kafka.topics.article",
/// from `[kafka.topics] article=...`) and its value as the text a command
/// line would carry, or, for a list, its items.
struct file_setting {
  std::string name;
  std::optional<std::string> text;
  std::optional<std::vector<std::string>> list;
};

struct file_contents {
  std::vector<file_setting> settings;
  std::string error; // "line 2, column 7: ..." when the file is malformed
};

/// Parses with CAF's own INI parser; nested groups become dotted names.
file_contents read_config_file(const std::string& path);

} // namespace hot
