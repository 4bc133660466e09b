// The options of hot-articles-gen: names, help, defaults and checks,
// declared on a CLI11 app.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <caf/error.hpp>

#include "app/generator/command_line.hpp"

namespace hot::gen {

/// Topic names as given; the prefix applies only to topics not named
/// explicitly, whatever the order of the options.
struct topic_choice {
  std::string prefix;
  std::array<std::optional<std::string>, 4> explicit_names;
};

/// What the options set; bound to the app while it parses.
struct parse_state {
  command_line result;
  topic_choice topics;
  /// "NAME=VALUE" as given, in order; librdkafka judges them after parsing.
  std::vector<std::string> properties;
};

/// Declares every option on `app`, in --help order, bound to `st` (which
/// must outlive the parse). A value a check refuses fails the parse as
/// "--name: expected ..., got '...'"; --help and --version end it at once
/// with CLI::CallForHelp and CLI::CallForVersion.
void declare_options(CLI::App& app, parse_state& st);

/// Moves the given properties into the options once librdkafka takes each;
/// else one gen_errc::invalid_option line, "--property NAME=VALUE: why".
caf::error apply_properties(parse_state& st);

} // namespace hot::gen
