// The options of hot-articles-gen: names, help, defaults, and how each applies.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <caf/error.hpp>

#include "app/generator/command_line.hpp"

namespace hot::gen {

/// Topic names as given; the prefix applies only to topics not named
/// explicitly, whatever the order of the options.
struct topic_choice {
  std::string prefix;
  std::array<std::optional<std::string>, 4> explicit_names;
};

/// What the parser has read so far.
struct parse_state {
  command_line result;
  topic_choice topics;
};

/// One option of the table: --help shows it, the parser applies it.
struct option_spec {
  using setter
    = std::function<caf::error(parse_state&, const std::string& value)>;

  std::string_view name;
  std::string_view value; // placeholder for --help; empty for flags
  std::string_view help;
  std::string fallback; // the default, as --help shows it
  setter apply;
};

/// Every option, in --help order. Setters check their value and fail with
/// one gen_errc::invalid_option line naming the option.
std::vector<option_spec> option_table();

} // namespace hot::gen
