// The project's version, one for every binary.
#pragma once

#include <string>
#include <string_view>

namespace hot {

/// The version of CMake's project() ("0.1.0"), the same in every binary.
std::string_view version();

/// What --version prints: "<program> <version>".
std::string version_line(std::string_view program);

} // namespace hot
