// The text typed errors carry, read one way everywhere.
#pragma once

#include <string>
#include <string_view>

#include <caf/error.hpp>

namespace hot {

/// The message a typed error carries (its context), or "" when it has none.
std::string context_text(const caf::error& err);

/// "name: message", or just `name` when the error carries no message:
/// how logs and answers show an error of the project's own enums.
std::string named_error_text(std::string_view name, const caf::error& err);

} // namespace hot
