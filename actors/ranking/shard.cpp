// The article-state shard actor.
#include "actors/ranking/shard.hpp"

#include "common/logger.hpp"

namespace hot {

namespace {

using self_ptr = shard_actor::stateful_pointer<shard_state>;

// Sends what the last batch changed; the directory sees it before the
// shard's answer to any later barrier or seal. Of the boards only their
// names go: a board changes with most events, and its ranking takes the
// tops of the changed boards once per board interval.
void publish_changes(self_ptr self) {
  auto& st = self->state;
  std::vector<shard_top> tops;
  st.book->collect_tops(st.index, tops);
  for (auto& top : tops) {
    ++st.tops_sent;
    self->send(st.directory, std::move(top));
  }
  std::vector<board_changes> boards;
  st.book->collect_board_changes(st.index, boards);
  for (auto& changes : boards)
    self->send(st.directory, std::move(changes));
  for (auto& edit : st.book->take_edits()) {
    ++st.edits_sent;
    self->send(st.directory, std::move(edit));
  }
}

// Ids that are no Snowflakes make early counts late without a trace: say
// so, once a minute at most.
void warn_of_mismatches(self_ptr self) {
  auto& st = self->state;
  auto count = st.book->snowflake_mismatches();
  auto now = std::chrono::steady_clock::now();
  if (count == st.mismatches_logged
      || (st.mismatch_logged_at
          && now - *st.mismatch_logged_at < std::chrono::minutes{1}))
    return;
  auto [article, created] = st.book->last_snowflake_mismatch();
  HOT_LOG_WARN("shard",
               count << " articles so far have a createdAt further than "
                        "shards.clock-skew from their id's Snowflake time, "
                        "e.g. article "
                     << article.value() << " created " << created.to_iso()
                     << ". If article ids are not Snowflakes, set "
                        "shards.snowflake-article-ids=false, or counts that "
                        "arrive before their article are dropped as late.");
  st.mismatches_logged = count;
  st.mismatch_logged_at = now;
}

// Articles whose board is past the bound are in the day's list but in no
// board's: say so, once a minute at most.
void warn_of_untracked(self_ptr self) {
  auto& st = self->state;
  auto count = st.book->boards_untracked();
  auto now = std::chrono::steady_clock::now();
  if (count == st.untracked_logged
      || (st.untracked_logged_at
          && now - *st.untracked_logged_at < std::chrono::minutes{1}))
    return;
  HOT_LOG_WARN("shard", count << " articles so far are ranked in their day's "
                                 "list but not in their board's: their day "
                                 "already tracks ranking.boards.max-per-day "
                                 "boards in this shard.");
  st.untracked_logged = count;
  st.untracked_logged_at = now;
}

actor_stats report(self_ptr self) {
  auto& st = self->state;
  auto out = st.meter.report("shard " + (st.label.empty() ? "" : st.label + "-")
                               + std::to_string(st.index),
                             "shard");
  const auto& book = *st.book;
  auto to_i64 = [](auto x) { return static_cast<int64_t>(x); };
  shard_figures f;
  f.sealed_through = book.sealed_through();
  f.articles = to_i64(book.articles());
  f.tombstones = to_i64(book.tombstones());
  f.pending = to_i64(book.pending_events());
  f.pending_dropped = to_i64(book.pending_dropped());
  f.open_days = to_i64(book.open_days());
  f.batches = to_i64(st.batches);
  f.outcomes = st.totals;
  f.snowflake_mismatches = to_i64(book.snowflake_mismatches());
  f.tops_sent = to_i64(st.tops_sent);
  f.edits_sent = to_i64(st.edits_sent);
  f.boards_tracked = to_i64(book.boards_tracked());
  f.board_tops_sent = to_i64(st.board_tops_sent);
  f.boards_untracked = to_i64(book.boards_untracked());
  out.figures = std::move(f);
  return out;
}

} // namespace

shard_actor::behavior_type shard(self_ptr self, uint32_t index,
                                 directory_actor directory, article_book book,
                                 std::string label) {
  auto& st = self->state;
  st.index = index;
  st.label = std::move(label);
  st.directory = std::move(directory);
  st.book.emplace(std::move(book));
  return {
    [=](event_batch& batch) -> batch_outcome {
      auto scope = self->state.meter.measure(self);
      batch_outcome outcome;
      auto& articles = *self->state.book;
      auto applied_before = articles.applied_later();
      auto step = batch.clock.begin();
      for (uint32_t i = 0; i < batch.events.size(); ++i) {
        for (; step != batch.clock.end() && step->before <= i; ++step)
          articles.expire_pending(step->stream_time);
        const auto& item = batch.events[i];
        tally(outcome, articles.apply(item.ev, item.published));
      }
      outcome.applied_later
        = static_cast<uint32_t>(articles.applied_later() - applied_before);
      ++self->state.batches;
      self->state.totals += outcome;
      warn_of_mismatches(self);
      warn_of_untracked(self);
      publish_changes(self);
      return outcome;
    },
    [=](seal_atom, day_key day, uint32_t n) -> shard_final {
      auto scope = self->state.meter.measure(self);
      return self->state.book->seal(self->state.index, day, n);
    },
    [=](barrier_atom) {
      // Every batch sent its changes on when it was applied.
      auto scope = self->state.meter.measure(self);
      return caf::ok_atom::value;
    },
    [=](boards_atom, day_key day,
        const std::vector<board_id>& boards) -> std::vector<board_top> {
      auto scope = self->state.meter.measure(self);
      auto& state = self->state;
      auto tops = state.book->board_tops(state.index, day, boards);
      state.board_tops_sent += tops.size();
      return tops;
    },
    [=](caf::get_atom, article_id id) -> article_view {
      auto scope = self->state.meter.measure(self);
      auto view = self->state.book->view(id);
      view.shard = self->state.index;
      return view;
    },
    [=](caf::get_atom, day_key day, uint32_t n) -> shard_top {
      auto scope = self->state.meter.measure(self);
      return shard_top{self->state.index, day, self->state.book->best(day, n)};
    },
    [=](stats_atom) -> actor_stats {
      auto scope = self->state.meter.measure(self);
      return report(self);
    },
  };
}

} // namespace hot
