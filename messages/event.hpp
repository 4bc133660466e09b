// The typed events of the board platform, after decoding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <caf/meta/type_name.hpp>

#include "messages/ids.hpp"
#include "messages/local_datetime.hpp"
#include "messages/snowflake.hpp"

namespace hot {

/// The eight `type` values of the reference envelope.
enum class event_type : uint8_t {
  article_created,
  article_updated,
  article_deleted,
  comment_created,
  comment_deleted,
  article_liked,
  article_unliked,
  article_viewed,
};

inline constexpr size_t event_type_count = 8;

/// "ARTICLE_CREATED", ... as on the wire.
std::string_view wire_name(event_type x);

std::optional<event_type> parse_event_type(std::string_view wire);

/// The three counts a score is made of.
enum class count_kind : uint8_t { likes, comments, views };

inline constexpr size_t count_kind_count = 3;

std::string_view to_string(count_kind x);

/// Which count an event carries, if any.
std::optional<count_kind> count_kind_of(event_type x);

/// True for ARTICLE_CREATED, ARTICLE_UPDATED and ARTICLE_DELETED.
constexpr bool is_article_event(event_type x) {
  return x <= event_type::article_deleted;
}

/// One decoded event. Article events fill `board`, `created_at` and `title`;
/// count events fill `count` with the absolute current value.
struct event {
  event_id id;
  event_type type = event_type::article_created;
  article_id article;
  board_id board;
  local_datetime created_at;
  std::string title;
  int64_t count = 0;

  /// When the event happened, from the Snowflake `eventId`.
  instant time() const {
    return snowflake_instant(id.value());
  }

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, event& x) {
    return f(caf::meta::type_name("event"), x.id, x.type, x.article, x.board,
             x.created_at, x.title, x.count);
  }
};

} // namespace hot
