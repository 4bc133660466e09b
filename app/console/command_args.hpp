// The console commands' arguments: checked, and put in the form the
// routes take.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/console/commands.hpp"

namespace hot::console {

/// The arguments of a command of `kind` (whose usage line is `usage`)
/// checked; an error text when they are wrong. `top`'s are completed to
/// {order, N}, and `day`'s `--board B` (or `--board=B`) is taken out of
/// `args` into `board`.
std::string check_command_args(command_kind kind, const std::string& usage,
                               std::vector<std::string>& args,
                               std::optional<std::string>& board);

} // namespace hot::console
