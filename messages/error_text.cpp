// The text typed errors carry, read one way everywhere.
#include "messages/error_text.hpp"

#include <caf/message.hpp>

namespace hot {

std::string context_text(const caf::error& err) {
  const auto& ctx = err.context();
  if (ctx.match_elements<std::string>())
    return ctx.get_as<std::string>(0);
  return {};
}

std::string named_error_text(std::string_view name, const caf::error& err) {
  std::string out{name};
  if (auto text = context_text(err); !text.empty()) {
    out += ": ";
    out += text;
  }
  return out;
}

} // namespace hot
