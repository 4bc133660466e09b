// One table of options read from the command line, the environment and a
// config file, in that order of precedence.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/daemon/ini_scan.hpp"

namespace hot {

/// Declares options once, bound to the variables they set; `load` resolves
/// each from `--name=value` (or `--name value`), else the environment
/// variable `<prefix><NAME>` (upper case, '.' and '-' as '_'), else the
/// config file (CAF's INI format, `[group]` sections, nested groups as
/// `[group.sub]`), else the variable's initial value. The command line is
/// read by the daemon's one tokenizer (common/arg_parser.hpp).
class option_table {
public:
  /// `env_prefix`: e.g. "HOT_ARTICLES_"; `default_file`: read if present.
  option_table(std::string env_prefix, std::string default_file);

  void text(std::string name, std::string& target, std::string description);

  template <class T>
  void integer(std::string name, T& target, int64_t min, int64_t max,
               std::string description) {
    add(
      std::move(name), "integer", std::to_string(target),
      std::move(description),
      [&target, min, max](const std::string& s) {
        int64_t value = 0;
        auto error = parse_integer(s, min, max, value);
        if (error.empty())
          target = static_cast<T>(value);
        return error;
      },
      [&target] { return std::to_string(target); });
  }

  void number(std::string name, double& target, double min, double max,
              std::string description);

  void boolean(std::string name, bool& target, std::string description);

  void duration(std::string name, std::chrono::milliseconds& target,
                std::chrono::milliseconds min, std::chrono::milliseconds max,
                std::string description);

  /// A family of free-form settings: `--<name>.<key>=value`, environment
  /// `<PREFIX><NAME>_<KEY>` ('_' in KEY read as '.'), config file
  /// `<list_name>=["key=value", ...]`.
  void text_map(std::string name, std::string list_name,
                std::map<std::string, std::string>& target,
                std::string description);

  struct outcome {
    bool help = false;
    bool version = false;    // --version
    bool check_only = false; // --check-config
    std::string error;       // empty on success
    /// Not errors: variables with the prefix that name no option.
    std::vector<std::string> warnings;
  };

  outcome load(const std::vector<std::string>& args,
               const std::map<std::string, std::string>& environment);

  std::string help(std::string_view usage) const;

  /// Every option's current value and where it came from.
  std::string effective() const;

  /// The config file that was read, empty when none.
  const std::string& config_file() const {
    return config_file_;
  }

  /// Where the settings came from, after `load`: "defaults + 3
  /// command-line options + 1 environment variable + file x.ini".
  std::string sources() const;

  /// A variable with the prefix that belongs to a script or a compose file,
  /// not to an option: no warning when it is set.
  void foreign_variable(std::string name);

  std::string env_name(std::string_view option_name) const;

  /// "x.ini, line 3: " when the option's value came from the config file,
  /// else empty: the start of an error about that value.
  std::string file_place(const std::string& name) const;

  static std::string parse_integer(const std::string& text, int64_t min,
                                   int64_t max, int64_t& out);

private:
  using assign_fn = std::function<std::string(const std::string&)>;
  using show_fn = std::function<std::string()>;

  struct option {
    std::string name;
    std::string type;
    std::string default_text;
    std::string description;
    assign_fn assign; // returns what is wrong, empty when fine
    show_fn show;
    std::string origin = "default";
    std::string file_place = {}; // "x.ini, line 3" when read from the file
  };

  struct map_option {
    std::string name;
    std::string list_name;
    std::string description;
    std::map<std::string, std::string>* target;
  };

  struct sourced {
    std::string text;
    std::string origin;     // "--x", "HOT_ARTICLES_X", "x.ini, line 3: x"
    std::string file_place; // "x.ini, line 3", empty for other sources
  };

  /// One source's settings, before precedence picks among them.
  struct layer {
    std::map<std::string, sourced> values;
    std::map<std::string, std::string> map_entries;
  };

  struct command_line {
    layer settings;
    bool help = false;
    bool version = false;
    bool check_only = false;
    std::optional<std::string> config_file;
  };

  void add(std::string name, std::string type, std::string default_text,
           std::string description, assign_fn assign, show_fn show);
  bool is_known(const std::string& name) const;
  static std::string in_quotes(const std::string& s);
  /// Passwords and tokens: shown as set or not, never echoed in errors.
  static bool is_secret(const std::string& name);
  std::string read_args(const std::vector<std::string>& args,
                        command_line& out) const;
  layer
  read_environment(const std::map<std::string, std::string>& environment) const;
  /// A warning for each variable with the prefix that names no option.
  std::vector<std::string>
  stray_variables(const std::map<std::string, std::string>& environment) const;
  std::string read_file(const std::string& path, bool required, layer& out);
  /// A malformed file's first mistake, with the form that works.
  std::string file_problem(const std::string& path,
                           const ini_problem& problem) const;
  /// Assigns every option from the first layer that sets it; returns what
  /// is wrong with a value, empty when all are fine.
  std::string apply(const layer& cli, const layer& env, const layer& file);

  std::string env_prefix_;
  std::string default_file_;
  std::string config_file_;
  std::vector<option> options_;
  std::vector<map_option> maps_;
  std::vector<std::string> foreign_variables_;
  size_t from_command_line_ = 0;
  size_t from_environment_ = 0;
};

} // namespace hot
