// Why a Kafka message could not become an event: the decoder's error codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <caf/error.hpp>
#include <caf/make_message.hpp>

namespace hot {

/// Every way a message value can fail to decode. Each failure carries a
/// detail string naming the field and what was expected.
enum class decode_errc : uint8_t {
  malformed_json = 1,
  unknown_type,
  missing_field,
  wrong_type,
  out_of_range,
  negative_count,
  /// An internal-topic copy whose first byte names no record version.
  unknown_record_version,
  /// An internal-topic record cut short, too long, or holding a value no
  /// event can have.
  malformed_record,
};

inline constexpr size_t decode_errc_count = 8;

/// "malformed_json", "unknown_type", ... (also used as a metrics label).
std::string_view to_string(decode_errc x);

/// The decode error code carried by `err`, or nullopt for other errors.
std::optional<decode_errc> decode_errc_of(const caf::error& err);

/// "missing_field: payload.articleId" for decode errors; CAF's rendering of
/// the code and category otherwise.
std::string describe(const caf::error& err);

} // namespace hot

CAF_ERROR_CODE_ENUM(hot::decode_errc, "decode")
