// What actors report about themselves to the introspection actor.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "messages/actor_figures.hpp"
#include "messages/day_key.hpp"
#include "messages/ids.hpp"
#include "messages/local_datetime.hpp"

namespace hot {

/// An actor's self-reported figures. Every actor counts the messages it
/// handled and the time it spent in handlers, and samples its own mailbox
/// (CAF 0.17 has no telemetry and no thread-safe mailbox size).
struct actor_stats {
  std::string name; // "partition board-like/2", "shard 1", "ranking 20250525"
  std::string kind; // "partition", "shard", "ranking", "directory", ...
  uint64_t messages = 0;
  uint64_t busy_ns = 0;
  uint64_t mailbox = 0;
  kind_figures figures; // what only this kind of actor knows

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, actor_stats& x) {
    return f(caf::meta::type_name("actor_stats"), x.name, x.kind, x.messages,
             x.busy_ns, x.mailbox, x.figures);
  }
};

/// One article's full state inside its shard (the console's `article <id>`).
struct article_view {
  article_id id;
  uint32_t shard = 0;
  bool found = false;   // the shard holds state or pending events for it
  bool known = false;   // ARTICLE_CREATED or ARTICLE_UPDATED arrived
  bool deleted = false; // tombstone
  day_key day;
  local_datetime created_at;
  board_id board;
  std::string title;
  event_id title_version;
  int64_t likes = 0;
  int64_t comments = 0;
  int64_t views = 0;
  event_id likes_version;
  event_id comments_version;
  event_id views_version;
  int64_t score = 0;
  uint32_t pending_events = 0; // counts waiting for the article's creation

  template <class Inspector>
  friend typename Inspector::result_type
  inspect(Inspector& f, article_view& x) {
    return f(caf::meta::type_name("article_view"), x.id, x.shard, x.found,
             x.known, x.deleted, x.day, x.created_at, x.board, x.title,
             x.title_version, x.likes, x.comments, x.views, x.likes_version,
             x.comments_version, x.views_version, x.score, x.pending_events);
  }
};

} // namespace hot
