// Decodes a Kafka message value (the reference's JSON envelope) into an event.
#include "messages/event_decoder.hpp"

#include "messages/decoded_fields.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <simdjson.h>

namespace hot {

namespace od = simdjson::ondemand;

namespace {

caf::error malformed(std::string detail) {
  return caf::make_error(decode_errc::malformed_json, std::move(detail));
}

caf::error malformed(simdjson::error_code code) {
  return malformed(simdjson::error_message(code));
}

bool is_json_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// Where the object or array `text` starts with ends, or npos when it
/// does not end: brackets counted, strings skipped.
size_t document_end(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && is_json_space(text[i]))
    ++i;
  if (i == text.size() || (text[i] != '{' && text[i] != '['))
    return std::string_view::npos;
  int depth = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\')
          ++i;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

/// "text follows the JSON document: 'junk'" when `text` is one whole
/// document and more (shown in part when long); empty otherwise.
std::string text_after_document(std::string_view text) {
  auto end = document_end(text);
  if (end != std::string_view::npos)
    for (auto i = end; i < text.size(); ++i)
      if (!is_json_space(text[i])) {
        constexpr size_t max_shown = 32;
        auto rest = text.substr(i);
        return "text follows the JSON document: '"
               + std::string{rest.substr(0, max_shown)}
               + (rest.size() > max_shown ? "...'" : "'");
      }
  return {};
}

/// simdjson sees a whole document followed by more text as a document
/// that ended early; say what it is.
caf::error malformed(simdjson::error_code code, std::string_view text) {
  auto trailing = text_after_document(text);
  return trailing.empty() ? malformed(code) : malformed(std::move(trailing));
}

/// Integers must be written as integers; a float or a too-large number is
/// told apart by its text, because simdjson reports both as INCORRECT_TYPE.
simdjson::error_code read_int(od::value value, int_field& out) {
  od::json_type type;
  if (auto err = value.type().get(type))
    return err;
  if (type != od::json_type::number) {
    out.state = field_state::wrong_type;
    return simdjson::SUCCESS;
  }
  int64_t number = 0;
  auto err = value.get_int64().get(number);
  if (err == simdjson::SUCCESS) {
    out.state = field_state::ok;
    out.value = number;
    return simdjson::SUCCESS;
  }
  if (err != simdjson::INCORRECT_TYPE && err != simdjson::NUMBER_OUT_OF_RANGE)
    return err;
  std::string_view token = value.raw_json_token();
  bool is_fraction = token.find_first_of(".eE") != std::string_view::npos;
  out.state = is_fraction ? field_state::wrong_type : field_state::out_of_range;
  out.raw = token.substr(0, token.find_last_not_of(" \t\r\n") + 1);
  return simdjson::SUCCESS;
}

simdjson::error_code read_string(od::value value, string_field& out) {
  od::json_type type;
  if (auto err = value.type().get(type))
    return err;
  if (type != od::json_type::string) {
    out.state = field_state::wrong_type;
    return simdjson::SUCCESS;
  }
  if (auto err = value.get_string().get(out.value))
    return err;
  out.state = field_state::ok;
  return simdjson::SUCCESS;
}

/// Jackson writes LocalDateTime as [y,M,d,H,m] plus seconds and nanos when
/// they are non-zero.
simdjson::error_code read_date_array(od::array array, date_field& out) {
  int64_t parts[7] = {0, 0, 0, 0, 0, 0, 0};
  size_t count = 0;
  bool all_ints = true;
  for (auto element : array) {
    od::value item;
    if (auto err = element.get(item))
      return err;
    int_field part;
    if (auto err = read_int(item, part))
      return err;
    if (part.state != field_state::ok)
      all_ints = false;
    else if (count < 7)
      parts[count] = part.value;
    ++count;
  }
  if (!all_ints || count < 5 || count > 7) {
    out.state = field_state::wrong_type;
    return simdjson::SUCCESS;
  }
  auto problem = make_local_datetime(parts[0], parts[1], parts[2], parts[3],
                                     parts[4], parts[5], parts[6], out.value);
  if (problem == datetime_problem::none) {
    out.state = field_state::ok;
    return simdjson::SUCCESS;
  }
  out.state = field_state::out_of_range;
  out.shown = "[";
  for (size_t i = 0; i < count; ++i)
    out.shown += (i == 0 ? "" : ",") + std::to_string(parts[i]);
  out.shown += "]";
  return simdjson::SUCCESS;
}

simdjson::error_code read_date(od::value value, date_field& out) {
  od::json_type type;
  if (auto err = value.type().get(type))
    return err;
  if (type == od::json_type::array) {
    od::array array;
    if (auto err = value.get_array().get(array))
      return err;
    return read_date_array(array, out);
  }
  if (type != od::json_type::string) {
    out.state = field_state::wrong_type;
    return simdjson::SUCCESS;
  }
  std::string_view text;
  if (auto err = value.get_string().get(text))
    return err;
  switch (parse_iso_local_datetime(text, out.value)) {
    case datetime_problem::none:
      out.state = field_state::ok;
      break;
    case datetime_problem::malformed:
      out.state = field_state::wrong_type;
      out.misformatted_string = true;
      out.shown = std::string{text.substr(0, 80)};
      break;
    case datetime_problem::out_of_range:
      out.state = field_state::out_of_range;
      out.shown = std::string{text.substr(0, 80)};
      break;
  }
  return simdjson::SUCCESS;
}

// Jackson keeps the last of a duplicated key and a walk over the document
// would see the first: rather than pick one, a document that names a field
// twice is refused. True when `state` shows the field was read before.
bool seen_before(field_state state, const char* name, const char*& duplicate) {
  if (state == field_state::absent)
    return false;
  duplicate = name;
  return true;
}

simdjson::error_code read_payload(od::object object, payload_fields& out,
                                  const char*& duplicate) {
  for (auto field : object) {
    // Keys compare after unescaping, as JSON defines them.
    std::string_view key;
    if (auto err = field.unescaped_key().get(key))
      return err;
    od::value value;
    if (auto err = field.value().get(value))
      return err;
    simdjson::error_code err = simdjson::SUCCESS;
    auto once = [&](field_state state, const char* name) {
      return !seen_before(state, name, duplicate);
    };
    if (key == "articleId")
      err = once(out.article_id.state, "payload.articleId")
              ? read_int(value, out.article_id)
              : err;
    else if (key == "articleLikeCount")
      err = once(out.like_count.state, "payload.articleLikeCount")
              ? read_int(value, out.like_count)
              : err;
    else if (key == "articleCommentCount")
      err = once(out.comment_count.state, "payload.articleCommentCount")
              ? read_int(value, out.comment_count)
              : err;
    else if (key == "articleViewCount")
      err = once(out.view_count.state, "payload.articleViewCount")
              ? read_int(value, out.view_count)
              : err;
    else if (key == "createdAt")
      err = once(out.created_at.state, "payload.createdAt")
              ? read_date(value, out.created_at)
              : err;
    else if (key == "title")
      err = once(out.title.state, "payload.title")
              ? read_string(value, out.title)
              : err;
    else if (key == "boardId")
      err = once(out.board_id.state, "payload.boardId")
              ? read_int(value, out.board_id)
              : err;
    if (err || duplicate != nullptr)
      return err;
  }
  return simdjson::SUCCESS;
}

simdjson::error_code read_envelope(od::object object, envelope_fields& out) {
  for (auto field : object) {
    // Keys compare after unescaping, as JSON defines them.
    std::string_view key;
    if (auto err = field.unescaped_key().get(key))
      return err;
    od::value value;
    if (auto err = field.value().get(value))
      return err;
    simdjson::error_code err = simdjson::SUCCESS;
    if (key == "eventId") {
      if (seen_before(out.event_id.state, "eventId", out.duplicate))
        return err;
      err = read_int(value, out.event_id);
    } else if (key == "type") {
      if (seen_before(out.type.state, "type", out.duplicate))
        return err;
      err = read_string(value, out.type);
    } else if (key == "payload") {
      if (seen_before(out.payload, "payload", out.duplicate))
        return err;
      od::json_type type;
      if (auto type_err = value.type().get(type))
        return type_err;
      if (type != od::json_type::object) {
        out.payload = field_state::wrong_type;
        continue;
      }
      od::object payload;
      if (auto obj_err = value.get_object().get(payload))
        return obj_err;
      out.payload = field_state::ok;
      err = read_payload(payload, out.body, out.duplicate);
    }
    if (err || out.duplicate != nullptr)
      return err;
  }
  return simdjson::SUCCESS;
}

// simdjson may read up to SIMDJSON_PADDING bytes past the end; their
// values never matter, only that reading them cannot fault. Memory is
// mapped in whole pages, so that holds when the padding ends on the page
// the value ends on: then no copy is needed. AddressSanitizer cannot know
// that, and gets the copy.
#if defined(__SANITIZE_ADDRESS__)
#  define HOT_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#  if __has_feature(address_sanitizer)
#    define HOT_ADDRESS_SANITIZER 1
#  endif
#endif

bool padding_readable([[maybe_unused]] std::string_view value) {
#if defined(HOT_ADDRESS_SANITIZER)
  return false;
#else
  constexpr uintptr_t page = 4096;
  if (value.empty())
    return false;
  auto last = reinterpret_cast<uintptr_t>(value.data()) + value.size() - 1;
  return last / page == (last + simdjson::SIMDJSON_PADDING) / page;
#endif
}

} // namespace

struct event_decoder::impl {
  od::parser parser;
  std::vector<char> buffer; // the value plus simdjson's read-ahead padding
};

event_decoder::event_decoder() : impl_(std::make_unique<impl>()) {
}

event_decoder::~event_decoder() = default;

event_decoder::event_decoder(event_decoder&&) noexcept = default;

event_decoder& event_decoder::operator=(event_decoder&&) noexcept = default;

caf::expected<event> event_decoder::decode(std::string_view value) {
  const char* json = value.data();
  if (!padding_readable(value)) {
    auto& buffer = impl_->buffer;
    if (buffer.size() < value.size() + simdjson::SIMDJSON_PADDING)
      buffer.resize(value.size() + simdjson::SIMDJSON_PADDING);
    if (!value.empty())
      std::memcpy(buffer.data(), value.data(), value.size());
    json = buffer.data();
  }
  od::document doc;
  if (auto err = impl_->parser
                   .iterate(json, value.size(),
                            value.size() + simdjson::SIMDJSON_PADDING)
                   .get(doc))
    return malformed(err, value);
  od::object root;
  if (auto err = doc.get_object().get(root))
    return err == simdjson::INCORRECT_TYPE
             ? malformed("the message is not a JSON object")
             : malformed(err, value);
  envelope_fields fields;
  if (auto err = read_envelope(root, fields))
    return malformed(err, value);
  if (fields.duplicate != nullptr)
    return malformed(std::string{"the key "} + fields.duplicate
                     + " appears twice");
  // Anything after the closing brace means the value is not one document.
  const char* rest = nullptr;
  if (doc.current_location().get(rest) == simdjson::SUCCESS)
    return malformed(text_after_document(value).empty()
                       ? std::string{"text follows the JSON document"}
                       : text_after_document(value));
  event out;
  if (auto err = assemble_event(fields, out))
    return err;
  return out;
}

} // namespace hot
