// The generator's own error codes, and one way to print any of its errors.
#include "app/generator/gen_error.hpp"

#include <caf/atom.hpp>
#include <caf/message.hpp>

#include "actors/kafka/kafka_error.hpp"
#include "messages/error_text.hpp"

namespace hot::gen {

std::string_view to_string(gen_errc x) {
  switch (x) {
    case gen_errc::invalid_option:
      return "invalid_option";
    case gen_errc::dump_write:
      return "dump_write";
  }
  return "unknown";
}

caf::error make_gen_error(gen_errc code, std::string detail) {
  return caf::make_error(code, std::move(detail));
}

bool is_usage_error(const caf::error& err) {
  if (err.category() == caf::atom("gen"))
    return err.code() == static_cast<uint8_t>(gen_errc::invalid_option);
  return err.category() == caf::atom("kafka")
         && err.code() == static_cast<uint8_t>(kafka_errc::config);
}

std::string describe_gen_error(const caf::error& err) {
  if (err.category() != caf::atom("gen"))
    return describe_kafka(err);
  auto code = static_cast<gen_errc>(err.code());
  auto detail = context_text(err);
  if (code == gen_errc::invalid_option && !detail.empty())
    return detail;
  std::string out{to_string(code)};
  if (!detail.empty()) {
    out += ": ";
    out += detail;
  }
  return out;
}

} // namespace hot::gen
