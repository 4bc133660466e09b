// The typed events of the board platform, after decoding.
#include "messages/event.hpp"

#include <array>

namespace hot {

namespace {

constexpr std::array<std::string_view, event_type_count> wire_names{
  "ARTICLE_CREATED", "ARTICLE_UPDATED", "ARTICLE_DELETED", "COMMENT_CREATED",
  "COMMENT_DELETED", "ARTICLE_LIKED",   "ARTICLE_UNLIKED", "ARTICLE_VIEWED",
};

} // namespace

std::string_view wire_name(event_type x) {
  return wire_names[static_cast<size_t>(x)];
}

std::optional<event_type> parse_event_type(std::string_view wire) {
  for (size_t i = 0; i < wire_names.size(); ++i)
    if (wire_names[i] == wire)
      return static_cast<event_type>(i);
  return std::nullopt;
}

std::string_view to_string(count_kind x) {
  switch (x) {
    case count_kind::likes:
      return "likes";
    case count_kind::comments:
      return "comments";
    case count_kind::views:
      return "views";
  }
  return "unknown";
}

std::optional<count_kind> count_kind_of(event_type x) {
  switch (x) {
    case event_type::comment_created:
    case event_type::comment_deleted:
      return count_kind::comments;
    case event_type::article_liked:
    case event_type::article_unliked:
      return count_kind::likes;
    case event_type::article_viewed:
      return count_kind::views;
    default:
      return std::nullopt;
  }
}

} // namespace hot
