// The envelope's fields as read from JSON, before the event type is known,
// and the checks that turn them into an event.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <caf/error.hpp>

#include "messages/event.hpp"

namespace hot {

/// What one JSON value turned out to be, before we know whether the event
/// type needs it. Fields that the type does not use are never reported.
enum class field_state : uint8_t {
  absent,
  ok,
  wrong_type,
  out_of_range,
};

struct int_field {
  field_state state = field_state::absent;
  int64_t value = 0;
  /// The number as written when it is out of range, to echo it.
  std::string_view raw;
};

struct string_field {
  field_state state = field_state::absent;
  std::string_view value; // into the parser's string buffer
};

struct date_field {
  field_state state = field_state::absent;
  local_datetime value;
  /// Set only when the value is refused: a string in another format.
  bool misformatted_string = false;
  /// The value as written, when refused, to echo it.
  std::string shown;
};

struct payload_fields {
  int_field article_id;
  int_field board_id;
  int_field comment_count;
  int_field like_count;
  int_field view_count;
  string_field title;
  date_field created_at;
};

struct envelope_fields {
  int_field event_id;
  string_field type;
  field_state payload = field_state::absent;
  payload_fields body;
  /// A field the document names twice, if any (then nothing else counts).
  const char* duplicate = nullptr;
};

/// Checks that every field the event's type needs is present, well-typed
/// and in range, and fills `out`; a decode error names the first that is
/// not. Fields the type does not use are never looked at.
caf::error assemble_event(const envelope_fields& in, event& out);

} // namespace hot
