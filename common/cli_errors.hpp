// CLI11's parse errors in the words every binary uses: one line naming the
// option, "did you mean --rate?" for a near miss.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace hot {

/// One line for a mistake CLI11 found in `app`'s arguments:
/// "unknown option --rtae (did you mean --rate?)", "unknown option --x
/// (see --help)", "--rate needs a value", "--mock takes no value",
/// "unexpected argument \"x\" (see --help)", or a check's own
/// "--rate: expected ..., got '...'".
std::string usage_error_line(const CLI::App& app, const CLI::ParseError& error,
                             const std::string& operand_hint = "see --help");

/// A check whose failure reads "expected <what>, got '<text>'": CLI11
/// puts "--name: " in front of it.
CLI::Validator expecting(std::string what,
                         std::function<bool(const std::string&)> accepts);

/// Refuses an option's word ("--mock") as a value, as the daemon's reader
/// does: "--brokers --mock" lacks a value rather than naming a broker
/// "--mock". Give it before an option's other checks, which run in order.
CLI::Validator not_an_option();

/// A whole number in [min, max] (digits only: no sign, no exponent), checked
/// by CLI::Range, failing as "expected <what>, got '<text>'".
CLI::Validator whole_number(uint64_t min, uint64_t max, std::string what);

} // namespace hot
