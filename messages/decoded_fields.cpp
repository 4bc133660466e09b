// The envelope's fields as read from JSON, before the event type is known,
// and the checks that turn them into an event.
#include "messages/decoded_fields.hpp"

#include <string>

#include "messages/decode_error.hpp"

namespace hot {

namespace {

/// A refused value, quoted as given but never whole when it is long: an
/// attacker-sized value must not end up whole in every log line.
std::string echoed(std::string_view text) {
  constexpr size_t max_shown = 64;
  std::string out{text.substr(0, max_shown)};
  if (text.size() > max_shown)
    out += "...";
  return out;
}

std::string shown_value(const int_field& field) {
  return echoed(field.raw);
}

std::string shown_value(const string_field&) {
  return {};
}

std::string shown_value(const date_field& field) {
  return echoed(field.shown);
}

/// Checks that a field the event type needs is present and well-formed.
template <class Field>
caf::error require(const Field& field, const char* path, const char* what) {
  switch (field.state) {
    case field_state::ok:
      return caf::none;
    case field_state::absent:
      return caf::make_error(decode_errc::missing_field, std::string{path});
    case field_state::wrong_type:
      return caf::make_error(decode_errc::wrong_type,
                             std::string{path} + " must be " + what);
    case field_state::out_of_range: {
      auto shown = shown_value(field);
      return caf::make_error(decode_errc::out_of_range,
                             std::string{path} + " is out of range"
                               + (shown.empty() ? "" : ": " + shown));
    }
  }
  return caf::none;
}

caf::error require_positive(const int_field& field, const char* path) {
  if (auto err = require(field, path, "an integer"))
    return err;
  if (field.value <= 0)
    return caf::make_error(decode_errc::out_of_range,
                           std::string{path} + " must be positive, got "
                             + std::to_string(field.value));
  return caf::none;
}

caf::error require_count(const int_field& field, const char* path) {
  if (auto err = require(field, path, "an integer"))
    return err;
  if (field.value < 0)
    return caf::make_error(decode_errc::negative_count,
                           std::string{path} + " is "
                             + std::to_string(field.value));
  return caf::none;
}

constexpr const char* date_shape
  = "an ISO date-time string or an array [y,M,d,H,m(,s(,nanos))]";

} // namespace

caf::error assemble_event(const envelope_fields& in, event& out) {
  if (auto err = require_positive(in.event_id, "eventId"))
    return err;
  if (auto err = require(in.type, "type", "a string"))
    return err;
  auto type = parse_event_type(in.type.value);
  if (!type) {
    return caf::make_error(decode_errc::unknown_type, echoed(in.type.value));
  }
  if (in.payload == field_state::absent)
    return caf::make_error(decode_errc::missing_field, "payload");
  if (in.payload == field_state::wrong_type)
    return caf::make_error(decode_errc::wrong_type,
                           "payload must be an object");
  const auto& body = in.body;
  if (auto err = require_positive(body.article_id, "payload.articleId"))
    return err;
  out.id = event_id{in.event_id.value};
  out.type = *type;
  out.article = article_id{body.article_id.value};
  switch (*type) {
    case event_type::article_created:
    case event_type::article_updated:
      if (auto err = require(body.title, "payload.title", "a string"))
        return err;
      if (auto err = require(body.board_id, "payload.boardId", "an integer"))
        return err;
      [[fallthrough]];
    case event_type::article_deleted:
      if (body.created_at.misformatted_string)
        return caf::make_error(
          decode_errc::wrong_type,
          "payload.createdAt is a string but not an ISO date-time: \""
            + echoed(body.created_at.shown)
            + "\" (expected e.g. \"2026-12-07T12:00:00\")");
      if (auto err = require(body.created_at, "payload.createdAt", date_shape))
        return err;
      out.created_at = body.created_at.value;
      // A delete needs only the id and the day; title and board are extras.
      if (body.title.state == field_state::ok)
        out.title.assign(body.title.value);
      if (body.board_id.state == field_state::ok)
        out.board = board_id{body.board_id.value};
      return caf::none;
    case event_type::comment_created:
    case event_type::comment_deleted:
      if (auto err = require_count(body.comment_count,
                                   "payload.articleCommentCount"))
        return err;
      out.count = body.comment_count.value;
      return caf::none;
    case event_type::article_liked:
    case event_type::article_unliked:
      if (auto err = require_count(body.like_count, "payload.articleLikeCount"))
        return err;
      out.count = body.like_count.value;
      return caf::none;
    case event_type::article_viewed:
      if (auto err = require_count(body.view_count, "payload.articleViewCount"))
        return err;
      out.count = body.view_count.value;
      return caf::none;
  }
  return caf::none;
}

} // namespace hot
