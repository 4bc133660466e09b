// The board platform in miniature: every service's events, from one truth.
#include "app/generator/board_simulator.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "app/generator/board_text.hpp"

namespace hot::gen {

namespace {

/// Relative odds of each action, in the order of `action`. Tuned so that
/// the published mix is roughly 2.5 % article events, 14 % comments, 49 %
/// likes and 34 % views (a view action publishes only when it crosses a
/// multiple of 100).
constexpr std::array<double, 8> action_odds{1.6, 0.8,  0.12, 12.0,
                                            2.5, 42.0, 8.0,  140.0};

/// Views per view action: crowds arrive in bursts of 1..50.
constexpr int64_t max_view_burst = 50;
constexpr int64_t views_per_event = 100;

/// Below this many live articles every action creates one, so a fresh
/// board has something to talk about.
constexpr size_t min_live_articles = 8;

/// Caps the heavy tail of appeal, so one article cannot take everything.
constexpr double max_appeal = 1e3;

constexpr int64_t user_count = 100'000;
constexpr double reply_share = 0.35;

} // namespace

payload_extras simulated_event::extras() const {
  payload_extras x;
  x.content = content;
  x.writer_id = writer_id;
  x.board_article_count = board_article_count;
  x.user_id = user_id;
  x.like_id = like_id;
  x.comment_id = comment_id;
  x.comment_path = comment_path;
  x.modified_at = modified_at;
  return x;
}

board_simulator::board_simulator(const simulator_options& options,
                                 day_calendar calendar)
  : random_(options.seed),
    ids_(options.node_id),
    calendar_(std::move(calendar)),
    pool_(options.article_window, options.half_life),
    board_articles_(std::max<uint32_t>(options.boards, 1), 0),
    appeal_alpha_(options.appeal_alpha),
    deletion_span_(static_cast<uint64_t>(options.half_life * 4)) {
  action_odds_ = action_odds;
  action_odds_[static_cast<size_t>(action::create)] = options.create_odds;
  for (auto odds : action_odds_)
    action_total_ += odds;
  double sum = 0;
  for (size_t k = 1; k <= board_articles_.size(); ++k) {
    sum += 1.0 / static_cast<double>(k);
    board_odds_.push_back(sum);
  }
}

const simulated_event& board_simulator::next(instant now) {
  now_ = now;
  if (local_for_ != now) {
    // Thousands of events share a millisecond at full speed; the zone
    // lookup is worth caching.
    local_now_ = calendar_.local_at(now);
    local_for_ = now;
  }
  while (pending_.empty())
    run(draw_action());
  current_ = std::move(pending_.front());
  pending_.pop_front();
  return current_;
}

board_simulator::action board_simulator::draw_action() {
  auto point = random_.unit() * action_total_;
  for (size_t i = 0; i < action_odds_.size(); ++i) {
    if (point < action_odds_[i])
      return static_cast<action>(i);
    point -= action_odds_[i];
  }
  return action::view;
}

board_id board_simulator::draw_board() {
  auto point = random_.unit() * board_odds_.back();
  auto found = std::upper_bound(board_odds_.begin(), board_odds_.end(), point);
  auto last = static_cast<ptrdiff_t>(board_odds_.size()) - 1;
  auto index = std::min<ptrdiff_t>(found - board_odds_.begin(), last);
  return board_id{int64_t{index} + 1};
}

int64_t board_simulator::draw_user() {
  return random_.between(1, user_count);
}

void board_simulator::run(action what) {
  if (what == action::create || pool_.live() < min_live_articles) {
    create_article();
    return;
  }
  // Writers delete their own posts, hot or not: popularity does not draw
  // deletions, or the hottest articles would rarely survive.
  auto* article = what == action::remove
                    ? pool_.pick_recent(random_, deletion_span_)
                    : pool_.pick(random_);
  if (article == nullptr) {
    create_article();
    return;
  }
  switch (what) {
    case action::create:
      break;
    case action::update:
      update_article(*article);
      break;
    case action::remove:
      delete_article(*article);
      break;
    case action::comment:
      add_comment(*article);
      break;
    case action::uncomment:
      if (article->live_comments.empty())
        add_comment(*article);
      else
        delete_comment(*article);
      break;
    case action::like:
      like(*article);
      break;
    case action::unlike:
      if (article->live_likes.empty())
        like(*article);
      else
        unlike(*article);
      break;
    case action::view:
      view(*article);
      break;
  }
}

simulated_event& board_simulator::emit(event_type type,
                                       const article_truth& article) {
  auto& out = pending_.emplace_back();
  out.ev.id = event_id{ids_.next(now_)};
  out.ev.type = type;
  out.ev.article = article.id;
  out.ev.board = article.board;
  // Like and comment payloads carry the time of the change itself.
  out.ev.created_at = local_now_;
  return out;
}

simulated_event& board_simulator::emit_article(event_type type,
                                               const article_truth& article) {
  auto& out = emit(type, article);
  out.ev.created_at = article.created_at;
  out.ev.title = article.title;
  out.modified_at = article.modified_at;
  out.writer_id = article.writer_id;
  out.content = article.content;
  out.board_article_count
    = board_articles_[static_cast<size_t>(article.board.value() - 1)];
  return out;
}

void board_simulator::create_article() {
  article_truth article;
  article.id = article_id{ids_.next(now_)};
  article.board = draw_board();
  article.writer_id = draw_user();
  article.title = board_text::title(random_);
  article.content = board_text::article_body(random_, article.title);
  article.created_at = local_now_;
  article.modified_at = local_now_;
  auto appeal = std::min(max_appeal,
                         std::pow(1.0 - random_.unit(), -1.0 / appeal_alpha_));
  ++board_articles_[static_cast<size_t>(article.board.value() - 1)];
  emit_article(event_type::article_created,
               pool_.add(std::move(article), appeal));
}

void board_simulator::update_article(article_truth& article) {
  article.title = board_text::title(random_);
  if (random_.chance(0.5))
    article.content = board_text::article_body(random_, article.title);
  article.modified_at = local_now_;
  emit_article(event_type::article_updated, article);
}

void board_simulator::delete_article(article_truth& article) {
  --board_articles_[static_cast<size_t>(article.board.value() - 1)];
  emit_article(event_type::article_deleted, article);
  pool_.remove(article);
}

void board_simulator::add_comment(article_truth& article) {
  comment_record comment;
  comment.comment_id = ids_.next(now_);
  comment.writer_id = draw_user();
  comment.content = board_text::comment(random_);
  constexpr auto max_path = board_text::max_path_depth
                            * board_text::path_chunk_size;
  if (!article.live_comments.empty() && random_.chance(reply_share)) {
    const auto& parent
      = article.live_comments[random_.below(article.live_comments.size())];
    if (parent.path.size() < max_path)
      comment.path = parent.path + board_text::path_chunk(article.replies++);
  }
  if (comment.path.empty())
    comment.path = board_text::path_chunk(article.root_comments++);
  article.comments = static_cast<int64_t>(article.live_comments.size()) + 1;
  auto& out = emit(event_type::comment_created, article);
  out.ev.count = article.comments;
  out.comment_id = comment.comment_id;
  out.writer_id = comment.writer_id;
  out.comment_path = comment.path;
  out.content = comment.content;
  article.live_comments.push_back(std::move(comment));
}

void board_simulator::delete_comment(article_truth& article) {
  auto& comments = article.live_comments;
  auto index = random_.below(comments.size());
  std::swap(comments[index], comments.back());
  auto comment = std::move(comments.back());
  comments.pop_back();
  article.comments = static_cast<int64_t>(comments.size());
  auto& out = emit(event_type::comment_deleted, article);
  out.ev.count = article.comments;
  out.comment_id = comment.comment_id;
  out.writer_id = comment.writer_id;
  out.comment_path = std::move(comment.path);
  out.content = std::move(comment.content);
}

void board_simulator::like(article_truth& article) {
  like_record record{ids_.next(now_), draw_user()};
  article.live_likes.push_back(record);
  article.likes = static_cast<int64_t>(article.live_likes.size());
  auto& out = emit(event_type::article_liked, article);
  out.ev.count = article.likes;
  out.like_id = record.like_id;
  out.user_id = record.user_id;
}

void board_simulator::unlike(article_truth& article) {
  auto& likes = article.live_likes;
  auto index = random_.below(likes.size());
  auto record = likes[index];
  likes[index] = likes.back();
  likes.pop_back();
  article.likes = static_cast<int64_t>(likes.size());
  auto& out = emit(event_type::article_unliked, article);
  out.ev.count = article.likes;
  out.like_id = record.like_id;
  out.user_id = record.user_id;
}

void board_simulator::view(article_truth& article) {
  auto before = article.views;
  article.views += random_.between(1, max_view_burst);
  for (auto published = (before / views_per_event + 1) * views_per_event;
       published <= article.views; published += views_per_event) {
    auto& out = emit(event_type::article_viewed, article);
    out.ev.count = published;
  }
}

} // namespace hot::gen
