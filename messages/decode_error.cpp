// Why a Kafka message could not become an event: the decoder's error codes.
#include "messages/decode_error.hpp"

#include <caf/atom.hpp>
#include <caf/message.hpp>

#include "messages/error_text.hpp"

namespace hot {

std::string_view to_string(decode_errc x) {
  switch (x) {
    case decode_errc::malformed_json:
      return "malformed_json";
    case decode_errc::unknown_type:
      return "unknown_type";
    case decode_errc::missing_field:
      return "missing_field";
    case decode_errc::wrong_type:
      return "wrong_type";
    case decode_errc::out_of_range:
      return "out_of_range";
    case decode_errc::negative_count:
      return "negative_count";
    case decode_errc::unknown_record_version:
      return "unknown_record_version";
    case decode_errc::malformed_record:
      return "malformed_record";
  }
  return "unknown";
}

std::optional<decode_errc> decode_errc_of(const caf::error& err) {
  if (!err || err.category() != caf::atom("decode") || err.code() < 1
      || err.code() > decode_errc_count)
    return std::nullopt;
  return static_cast<decode_errc>(err.code());
}

std::string describe(const caf::error& err) {
  if (auto code = decode_errc_of(err))
    return named_error_text(to_string(*code), err);
  return caf::to_string(err);
}

} // namespace hot
