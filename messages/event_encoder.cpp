// Encodes events as the reference producers do: the JSON envelope.
#include "messages/event_encoder.hpp"

#include <array>
#include <charconv>
#include <iterator>

namespace hot {

namespace {

void append_int(int64_t value, std::string& out) {
  char digits[24];
  auto end = std::to_chars(std::begin(digits), std::end(digits), value).ptr;
  out.append(digits, end);
}

void append_date(const local_datetime& t, date_style dates, std::string& out) {
  if (dates == date_style::iso) {
    out += '"';
    out += t.to_iso();
    out += '"';
    return;
  }
  // Jackson drops seconds and nanos when they are zero.
  out += '[';
  for (int64_t part : {int64_t{t.year}, int64_t{t.month}, int64_t{t.day},
                       int64_t{t.hour}, int64_t{t.minute}}) {
    append_int(part, out);
    out += ',';
  }
  out.pop_back();
  if (t.second != 0 || t.nanos != 0) {
    out += ',';
    append_int(t.second, out);
  }
  if (t.nanos != 0) {
    out += ',';
    append_int(t.nanos, out);
  }
  out += ']';
}

/// Writes the members of one JSON object, in call order, commas between.
class member_writer {
public:
  member_writer(date_style dates, std::string& out) : dates_(dates), out_(out) {
  }

  member_writer& integer(std::string_view name, int64_t value) {
    key(name);
    append_int(value, out_);
    return *this;
  }

  member_writer& text(std::string_view name, std::string_view value) {
    key(name);
    append_json_string(value, out_);
    return *this;
  }

  member_writer& boolean(std::string_view name, bool value) {
    key(name);
    out_ += value ? "true" : "false";
    return *this;
  }

  member_writer& date(std::string_view name, const local_datetime& value) {
    key(name);
    append_date(value, dates_, out_);
    return *this;
  }

  /// A count event's date is optional on the wire: one that came without it
  /// (the default date) is written without it, not as 1970-01-01.
  member_writer& optional_date(std::string_view name,
                               const local_datetime& value) {
    return value == local_datetime{} ? *this : date(name, value);
  }

private:
  void key(std::string_view name) {
    if (!first_)
      out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += name;
    out_ += "\":";
  }

  date_style dates_;
  std::string& out_;
  bool first_ = true;
};

} // namespace

void append_json_string(std::string_view text, std::string& out) {
  static constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5',
                                            '6', '7', '8', '9', 'a', 'b',
                                            'c', 'd', 'e', 'f'};
  out += '"';
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      out += "\\u00";
      out += hex[byte >> 4];
      out += hex[byte & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
}

void encode_event(const event& ev, date_style dates,
                  const payload_extras& extras, std::string& out) {
  out += "{\"eventId\":";
  append_int(ev.id.value(), out);
  out += ",\"type\":\"";
  out += wire_name(ev.type);
  out += "\",\"payload\":{";
  auto modified = extras.modified_at.year == 1970 ? ev.created_at
                                                  : extras.modified_at;
  member_writer payload{dates, out};
  switch (ev.type) {
    case event_type::article_created:
    case event_type::article_updated:
    case event_type::article_deleted:
      payload.integer("articleId", ev.article.value())
        .text("title", ev.title)
        .text("content", extras.content)
        .integer("boardId", ev.board.value())
        .integer("writerId", extras.writer_id)
        .date("createdAt", ev.created_at)
        .date("modifiedAt", modified);
      if (ev.type != event_type::article_updated)
        payload.integer("boardArticleCount", extras.board_article_count);
      break;
    case event_type::comment_created:
    case event_type::comment_deleted:
      payload.integer("commentId", extras.comment_id)
        .text("content", extras.content)
        .text("path", extras.comment_path)
        .integer("articleId", ev.article.value())
        .integer("writerId", extras.writer_id)
        .boolean("deleted", ev.type == event_type::comment_deleted)
        .optional_date("createdAt", ev.created_at)
        .integer("articleCommentCount", ev.count);
      break;
    case event_type::article_liked:
    case event_type::article_unliked:
      payload.integer("articleLikeId", extras.like_id)
        .integer("articleId", ev.article.value())
        .integer("userId", extras.user_id)
        .optional_date("createdAt", ev.created_at)
        .integer("articleLikeCount", ev.count);
      break;
    case event_type::article_viewed:
      payload.integer("articleId", ev.article.value())
        .integer("articleViewCount", ev.count);
      break;
  }
  out += "}}";
}

} // namespace hot
