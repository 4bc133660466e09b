// Encodes events as the reference producers do: the JSON envelope.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "messages/event.hpp"

namespace hot {

/// How LocalDateTime values are written: Jackson's two shapes.
enum class date_style {
  iso,           // "2024-10-01T12:34:56.746755"
  jackson_array, // [2024,10,1,12,34,56,746755000]
};

/// Payload fields the ranking does not need but the reference sends.
struct payload_extras {
  std::string_view content = "";
  int64_t writer_id = 1;
  int64_t board_article_count = 1;
  int64_t user_id = 1;
  int64_t like_id = 1;
  int64_t comment_id = 1;
  std::string_view comment_path = "00000";
  local_datetime modified_at{}; // defaults to created_at when zero
};

/// Appends `{"eventId":…,"type":…,"payload":{…}}` with the payload fields of
/// `ev.type` (docs/design.md, "Wire format"). Count events carry
/// `created_at` as the like/comment time.
void encode_event(const event& ev, date_style dates,
                  const payload_extras& extras, std::string& out);

inline std::string encode_event(const event& ev,
                                date_style dates = date_style::iso,
                                const payload_extras& extras = {}) {
  std::string out;
  encode_event(ev, dates, extras, out);
  return out;
}

/// Appends `text` as a JSON string literal.
void append_json_string(std::string_view text, std::string& out);

} // namespace hot
