// Where the reference producers send an event: topic by type, key by id.
#include "app/generator/event_routing.hpp"

namespace hot::gen {

namespace {

/// The reference relays outbox events to Kafka with key shardKey % 4.
constexpr int64_t shard_count = 4;

} // namespace

topic_kind topic_of(event_type type) {
  switch (type) {
    case event_type::article_created:
    case event_type::article_updated:
    case event_type::article_deleted:
      return topic_kind::article;
    case event_type::comment_created:
    case event_type::comment_deleted:
      return topic_kind::comment;
    case event_type::article_liked:
    case event_type::article_unliked:
      return topic_kind::like;
    case event_type::article_viewed:
      return topic_kind::view;
  }
  return topic_kind::view;
}

int64_t shard_key_of(const event& ev) {
  return is_article_event(ev.type) ? ev.board.value() : ev.article.value();
}

std::string message_key_of(const event& ev) {
  return std::to_string(shard_key_of(ev) % shard_count);
}

} // namespace hot::gen
