// Where the reference producers send an event: topic by type, key by id.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "messages/event.hpp"

namespace hot::gen {

/// The four topics, one per producing service.
enum class topic_kind : uint8_t { article, comment, like, view };

inline constexpr size_t topic_kind_count = 4;

/// ARTICLE_* -> article, COMMENT_* -> comment, ARTICLE_(UN)LIKED -> like,
/// ARTICLE_VIEWED -> view.
topic_kind topic_of(event_type type);

/// The reference's shard key: boardId for article events, articleId for
/// the others.
int64_t shard_key_of(const event& ev);

/// The Kafka message key: the decimal string of shard key % 4, as the
/// reference's outbox relay writes it.
std::string message_key_of(const event& ev);

} // namespace hot::gen
