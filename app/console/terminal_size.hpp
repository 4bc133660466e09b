// The size of the terminal the console writes to, if it writes to one.
#pragma once

#include <cstddef>
#include <optional>

namespace hot::console {

struct terminal_size {
  int rows = 0;
  int columns = 0;
};

/// The size of the terminal on `fd`; nothing when `fd` is not a terminal.
std::optional<terminal_size> terminal_size_of(int fd);

/// Columns to fit output to: the terminal's width on a terminal, no limit
/// when the output goes to a pipe or a file (scripts want whole lines).
size_t output_width(int fd);

} // namespace hot::console
