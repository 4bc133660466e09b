// hot-articles-gen's command line: options in, generator options out.
#pragma once

#include <string>
#include <vector>

#include <caf/expected.hpp>

#include "app/generator/generator.hpp"

namespace hot::gen {

/// What hot-articles-gen was asked to do.
struct command_line {
  generator_options options;
  bool help = false;
  bool version = false;
  /// Produce to an in-process mock cluster (the four topics, 3 partitions
  /// each) instead of --brokers.
  bool mock = false;
  /// Set: print this internal topic's records instead of producing.
  std::string decode_internal;
};

/// Parses the arguments after the program name; `--name value` and
/// `--name=value` both work. A failure is one gen_errc::invalid_option
/// line naming the option and what it expects.
caf::expected<command_line>
parse_command_line(const std::vector<std::string>& args);

/// The --help text: every option with its default.
std::string usage_text();

} // namespace hot::gen
