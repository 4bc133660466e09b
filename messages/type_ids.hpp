// The project's CAF type-ID block and atoms: every message type in one place.
#pragma once

#include <caf/type_id.hpp>

#include "messages/day_key.hpp"
#include "messages/event.hpp"
#include "messages/ids.hpp"
#include "messages/introspection_messages.hpp"
#include "messages/local_datetime.hpp"
#include "messages/pipeline_messages.hpp"

CAF_BEGIN_TYPE_ID_BLOCK(hot_articles, caf::first_custom_type_id)

  CAF_ADD_TYPE_ID(hot_articles, (hot::article_id))
  CAF_ADD_TYPE_ID(hot_articles, (hot::event_id))
  CAF_ADD_TYPE_ID(hot_articles, (hot::board_id))
  CAF_ADD_TYPE_ID(hot_articles, (hot::day_key))
  CAF_ADD_TYPE_ID(hot_articles, (hot::local_datetime))
  CAF_ADD_TYPE_ID(hot_articles, (hot::event))
  CAF_ADD_TYPE_ID(hot_articles, (hot::partition_ref))
  CAF_ADD_TYPE_ID(hot_articles, (hot::published_event))
  CAF_ADD_TYPE_ID(hot_articles, (hot::clock_step))
  CAF_ADD_TYPE_ID(hot_articles, (hot::event_batch))
  CAF_ADD_TYPE_ID(hot_articles, (hot::batch_outcome))
  CAF_ADD_TYPE_ID(hot_articles, (hot::ranked_article))
  CAF_ADD_TYPE_ID(hot_articles, (hot::shard_top))
  CAF_ADD_TYPE_ID(hot_articles, (hot::board_changes))
  CAF_ADD_TYPE_ID(hot_articles, (hot::board_top))
  CAF_ADD_TYPE_ID(hot_articles, (hot::shard_final))
  CAF_ADD_TYPE_ID(hot_articles, (hot::sealed_edit))
  CAF_ADD_TYPE_ID(hot_articles, (hot::board_snapshot))
  CAF_ADD_TYPE_ID(hot_articles, (hot::list_snapshot))
  CAF_ADD_TYPE_ID(hot_articles, (hot::partition_claim))
  CAF_ADD_TYPE_ID(hot_articles, (hot::actor_stats))
  CAF_ADD_TYPE_ID(hot_articles, (hot::article_view))

  // Commands; CAF's own get_atom, put_atom and ok_atom are used as well.
  CAF_ADD_ATOM(hot_articles, hot, poll_atom, "poll")
  CAF_ADD_ATOM(hot_articles, hot, drain_atom, "drain")
  CAF_ADD_ATOM(hot_articles, hot, offset_atom, "offset")
  CAF_ADD_ATOM(hot_articles, hot, committed_atom, "committed")
  CAF_ADD_ATOM(hot_articles, hot, barrier_atom, "barrier")
  CAF_ADD_ATOM(hot_articles, hot, flush_atom, "flush")
  CAF_ADD_ATOM(hot_articles, hot, seal_atom, "seal")
  CAF_ADD_ATOM(hot_articles, hot, sealed_atom, "sealed")
  CAF_ADD_ATOM(hot_articles, hot, progress_atom, "progress")
  CAF_ADD_ATOM(hot_articles, hot, forget_atom, "forget")
  CAF_ADD_ATOM(hot_articles, hot, watermark_atom, "watermark")
  CAF_ADD_ATOM(hot_articles, hot, shards_atom, "shards")
  CAF_ADD_ATOM(hot_articles, hot, stats_atom, "stats")
  CAF_ADD_ATOM(hot_articles, hot, tick_atom, "tick")
  CAF_ADD_ATOM(hot_articles, hot, retry_atom, "retry")
  CAF_ADD_ATOM(hot_articles, hot, commit_atom, "commit")
  CAF_ADD_ATOM(hot_articles, hot, wake_atom, "wake")
  CAF_ADD_ATOM(hot_articles, hot, delivered_atom, "delivered")
  CAF_ADD_ATOM(hot_articles, hot, claim_atom, "claim")
  CAF_ADD_ATOM(hot_articles, hot, hold_atom, "hold")
  CAF_ADD_ATOM(hot_articles, hot, publish_atom, "publish")
  CAF_ADD_ATOM(hot_articles, hot, fenced_atom, "fenced")
  CAF_ADD_ATOM(hot_articles, hot, boards_atom, "boards")
  CAF_ADD_ATOM(hot_articles, hot, rewrite_atom, "rewrite")

CAF_END_TYPE_ID_BLOCK(hot_articles)
