// The generator's own error codes, and one way to print any of its errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <caf/error.hpp>
#include <caf/make_message.hpp>

namespace hot::gen {

enum class gen_errc : uint8_t {
  invalid_option = 1, // an option value is out of range or malformed
  dump_write,         // the dump file could not be opened or written
};

std::string_view to_string(gen_errc x);

/// Builds a generator error whose context is `detail`.
caf::error make_gen_error(gen_errc code, std::string detail);

/// True for errors that mean "the caller asked for something impossible"
/// (bad options, rejected librdkafka properties), as opposed to failures
/// while running.
bool is_usage_error(const caf::error& err);

/// One line for a human: the detail of an invalid_option error as is,
/// "<code>: <detail>" for other generator and io errors, CAF's rendering
/// otherwise.
std::string describe_gen_error(const caf::error& err);

} // namespace hot::gen

CAF_ERROR_CODE_ENUM(hot::gen::gen_errc, "gen")
