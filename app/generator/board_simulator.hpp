// The board platform in miniature: every service's events, from one truth.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "app/generator/article_pool.hpp"
#include "app/generator/sim_random.hpp"
#include "app/generator/snowflake_generator.hpp"
#include "messages/day_calendar.hpp"
#include "messages/event.hpp"
#include "messages/event_encoder.hpp"

namespace hot::gen {

struct simulator_options {
  uint64_t seed = 1;
  uint32_t boards = 4;
  /// Snowflake node id of every id the simulator hands out (10 bits).
  uint32_t node_id = 1;
  /// Articles kept in memory; older ones get no further traffic.
  size_t article_window = 16384;
  /// Traffic halves for an article every `half_life` articles created
  /// after it (at equal appeal).
  double half_life = 200;
  /// Shape of the Pareto-distributed appeal of articles: the rank-size law
  /// of appeal is Zipf with exponent 1 / alpha, so smaller is more skewed.
  double appeal_alpha = 1.0;
  /// Relative odds of creating an article against the other actions
  /// (about 207 in all). The default gives the reference board's mix;
  /// larger values spread the same traffic over more articles.
  double create_odds = 1.6;
};

/// One event as a service publishes it: the typed event plus the payload
/// fields the ranking ignores but the reference sends.
struct simulated_event {
  event ev;
  int64_t writer_id = 0;
  int64_t board_article_count = 0;
  int64_t user_id = 0;
  int64_t like_id = 0;
  int64_t comment_id = 0;
  std::string content;
  std::string comment_path;
  local_datetime modified_at;

  /// Views into this event's strings, for `encode_event`.
  payload_extras extras() const;
};

/// Simulates the article, comment, like and view services of a board
/// platform. Pure and deterministic: the same seed and the same sequence
/// of `now` values give the same events, byte for byte.
///
/// Counts in events are the absolute values after the change. Unlikes and
/// comment deletions only happen when there is something to take back,
/// views are published every 100 (as the reference view service does), and
/// a deleted article gets no further events.
class board_simulator {
public:
  board_simulator(const simulator_options& options, day_calendar calendar);

  /// The next event, happening at `now`. The reference stays valid until
  /// the next call.
  const simulated_event& next(instant now);

  /// The truth about an article still in the window, deleted or not.
  const article_truth* find(article_id id) const {
    return pool_.find(id);
  }

  size_t live_articles() const {
    return pool_.live();
  }

  uint64_t articles_created() const {
    return pool_.added();
  }

private:
  enum class action : uint8_t {
    create,
    update,
    remove,
    comment,
    uncomment,
    like,
    unlike,
    view,
  };

  action draw_action();
  board_id draw_board();
  int64_t draw_user();
  void run(action what);
  void create_article();
  void update_article(article_truth& article);
  void delete_article(article_truth& article);
  void add_comment(article_truth& article);
  void delete_comment(article_truth& article);
  void like(article_truth& article);
  void unlike(article_truth& article);
  void view(article_truth& article);
  simulated_event& emit(event_type type, const article_truth& article);
  simulated_event& emit_article(event_type type, const article_truth& article);

  sim_random random_;
  snowflake_generator ids_;
  day_calendar calendar_;
  article_pool pool_;
  std::vector<int64_t> board_articles_;
  std::vector<double> board_odds_; // cumulative, Zipf over boards
  std::array<double, 8> action_odds_;
  double action_total_ = 0;
  double appeal_alpha_;
  uint64_t deletion_span_; // deletions hit one of this many newest articles
  std::deque<simulated_event> pending_;
  simulated_event current_;
  instant now_{};
  std::optional<instant> local_for_;
  local_datetime local_now_;
};

} // namespace hot::gen
