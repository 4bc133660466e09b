// The project's version, one for every binary.
#include "common/version.hpp"

#include "common/build_version.hpp"

namespace hot {

std::string_view version() {
  return HOT_ARTICLES_VERSION;
}

std::string version_line(std::string_view program) {
  std::string out{program};
  out += ' ';
  out += version();
  return out;
}

} // namespace hot
