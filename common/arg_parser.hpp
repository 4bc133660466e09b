// The daemon's command-line tokenizer, which the benchmark shares: options,
// flag families, operands, --help and --version, one wording per mistake.
// hot-articles-gen and hot-articles-console read theirs with CLI11 in the
// same words (common/cli_errors.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace hot {

/// One option a program accepts, named without its leading "--".
struct arg_spec {
  std::string name;
  /// Flags take none ("--json"); the others read "--name=value" or
  /// "--name value".
  bool takes_value = true;
  /// The next argument is the value even when it starts with "--": an
  /// option handed on to another program.
  bool raw_value = false;
  /// A family of options: matches "--<name>.<key>" for any key.
  bool family = false;
};

/// One option as given, in command-line order.
struct arg_option {
  /// As given: "redis.port", or a family's member in full,
  /// "kafka.property.acks".
  std::string name;
  std::string value; // empty for a flag
  size_t spec = 0;   // index into the specs
};

struct parsed_args {
  /// --help or -h, --version or -V: reading stopped there.
  bool help = false;
  bool version = false;
  std::vector<arg_option> options;
  /// The arguments that are not options, in order.
  std::vector<std::string> operands;
  /// Empty on success, else one line: "unknown option --x (did you mean
  /// --y?)", "--x needs a value", "--x takes no value", ...
  std::string error;
};

struct arg_rules {
  /// Whether arguments that are not options are accepted.
  bool operands = false;
  /// The first operand ends the options: it and every argument after it
  /// are operands (a command and its own words).
  bool options_end_at_operand = false;
  /// Shown after an unexpected operand: "options look like --group.key=v".
  std::string operand_hint = "see --help";
};

/// Reads `args` (without the program name). "--" ends the options.
parsed_args parse_args(const std::vector<std::string>& args,
                       const std::vector<arg_spec>& specs,
                       const arg_rules& rules = {});

} // namespace hot
