// Finding the name a user probably meant: "did you mean --redis.port?".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hot {

/// Edits (insert, delete, replace, swap of neighbours) that turn `a` into
/// `b`, ignoring case.
size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `name`, the first one on a tie; nullopt when
/// there is none.
std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& known);

/// `closest_name` when it is near enough to be a typo of `name`: at most
/// one edit in four characters, and at least two allowed.
std::optional<std::string> likely_meant(std::string_view name,
                                        const std::vector<std::string>& known);

/// The one wording of an unknown command-line option, whichever reader
/// found it: "unknown option --rtae (did you mean --rate?)", else "unknown
/// option --x (see --help)". `shown` is the option as given ("--rtae");
/// `name` and `known` are without the leading dashes.
std::string unknown_option_line(const std::string& shown, std::string_view name,
                                const std::vector<std::string>& known);

} // namespace hot
