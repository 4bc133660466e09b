// The value of an event copy in the internal topic: the event as stage 1
// decoded it, in a small binary record, so that stage 2 parses no JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <caf/expected.hpp>

#include "messages/event.hpp"

namespace hot {

class event_decoder;

/// The record format this build writes. Its first byte; a JSON copy (as
/// written before records existed) starts with '{' or JSON whitespace,
/// which no version uses.
inline constexpr uint8_t internal_record_version = 1;

/// Bytes of a version-1 record before its title.
inline constexpr size_t internal_record_fixed_size = 51;

/// Replaces `out` with `ev` as a version-1 record (docs/design.md,
/// "Internal records"). Reuses `out`'s capacity.
void encode_internal_record(const event& ev, std::string& out);

inline std::string encode_internal_record(const event& ev) {
  std::string out;
  encode_internal_record(ev, out);
  return out;
}

/// Reads a copy from the internal topic: a record of a version this build
/// knows, or a JSON copy (read with `json`). Anything else is an error:
/// `unknown_record_version` for a first byte no version uses,
/// `malformed_record` for a record cut short, too long, or holding a value
/// no event can have (the JSON decoder's rules: positive ids, a valid
/// type and date-time, a count of at least 0). Never throws.
caf::expected<event> decode_internal_record(std::string_view value,
                                            event_decoder& json);

} // namespace hot
