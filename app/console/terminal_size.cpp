// The size of the terminal the console writes to, if it writes to one.
#include "app/console/terminal_size.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include "app/console/text_width.hpp"

namespace hot::console {

std::optional<terminal_size> terminal_size_of(int fd) {
  if (::isatty(fd) == 0)
    return std::nullopt;
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0)
    return std::nullopt;
  return terminal_size{size.ws_row, size.ws_col};
}

size_t output_width(int fd) {
  auto size = terminal_size_of(fd);
  return size ? static_cast<size_t>(size->columns) : unlimited;
}

} // namespace hot::console
