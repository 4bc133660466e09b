// Encodes events as the reference producers do: the JSON envelope.
#include "messages/event_encoder.hpp"

#include <array>

namespace hot {

namespace {

void append_int(int64_t value, std::string& out) {
  out += std::to_string(value);
}

void field(std::string_view name, std::string& out) {
  out += '"';
  out += name;
  out += "\":";
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
  switch (ev.type) {
    case event_type::article_created:
    case event_type::article_updated:
    case event_type::article_deleted:
      field("articleId", out);
      append_int(ev.article.value(), out);
      out += ',';
      field("title", out);
      append_json_string(ev.title, out);
      out += ',';
      field("content", out);
      append_json_string(extras.content, out);
      out += ',';
      field("boardId", out);
      append_int(ev.board.value(), out);
      out += ',';
      field("writerId", out);
      append_int(extras.writer_id, out);
      out += ',';
      field("createdAt", out);
      append_date(ev.created_at, dates, out);
      out += ',';
      field("modifiedAt", out);
      append_date(modified, dates, out);
      if (ev.type != event_type::article_updated) {
        out += ',';
        field("boardArticleCount", out);
        append_int(extras.board_article_count, out);
      }
      break;
    case event_type::comment_created:
    case event_type::comment_deleted:
      field("commentId", out);
      append_int(extras.comment_id, out);
      out += ',';
      field("content", out);
      append_json_string(extras.content, out);
      out += ',';
      field("path", out);
      append_json_string(extras.comment_path, out);
      out += ',';
      field("articleId", out);
      append_int(ev.article.value(), out);
      out += ',';
      field("writerId", out);
      append_int(extras.writer_id, out);
      out += ',';
      field("deleted", out);
      out += ev.type == event_type::comment_deleted ? "true" : "false";
      out += ',';
      field("createdAt", out);
      append_date(ev.created_at, dates, out);
      out += ',';
      field("articleCommentCount", out);
      append_int(ev.count, out);
      break;
    case event_type::article_liked:
    case event_type::article_unliked:
      field("articleLikeId", out);
      append_int(extras.like_id, out);
      out += ',';
      field("articleId", out);
      append_int(ev.article.value(), out);
      out += ',';
      field("userId", out);
      append_int(extras.user_id, out);
      out += ',';
      field("createdAt", out);
      append_date(ev.created_at, dates, out);
      out += ',';
      field("articleLikeCount", out);
      append_int(ev.count, out);
      break;
    case event_type::article_viewed:
      field("articleId", out);
      append_int(ev.article.value(), out);
      out += ',';
      field("articleViewCount", out);
      append_int(ev.count, out);
      break;
  }
  out += "}}";
}

} // namespace hot
