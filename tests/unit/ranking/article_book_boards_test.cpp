// The per-board day lists of a shard: each board's best and the day's best
// against brute force over random events, moves, deletes and falling
// scores; and the bound on boards per day.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>

#include "actors/ranking/state/article_book.hpp"
#include "tests/support/event_builders.hpp"

using namespace hot;
using namespace hot::test;
using namespace std::chrono_literals;

namespace {

struct model_article {
  int64_t board = 0;
  int64_t likes = 0;
  bool deleted = false;
  std::string title;
};

struct boards_fixture {
  day_calendar calendar = *day_calendar::make("Asia/Seoul", 1h);
  day_key day = *day_key::parse("20250525");
  instant morning = utc(2025, 5, 25, 1, 0); // 10:00 KST
  uint32_t seq = 0;
  std::map<int64_t, model_article> model;

  int64_t next_event() {
    return snowflake_id(morning + std::chrono::milliseconds{++seq});
  }

  int64_t article(int n) const {
    return snowflake_id(morning - 1h, static_cast<uint32_t>(1000 + n));
  }

  static article_book make_book(uint32_t top_size, uint32_t max_boards,
                                bool enabled = true) {
    shard_settings settings;
    settings.boards.enabled = enabled;
    settings.boards.max_per_day = max_boards;
    return article_book{*day_calendar::make("Asia/Seoul", 1h), score_weights{},
                        settings, top_size, *day_key::parse("20250524")};
  }

  void snapshot(article_book& book, event_type type, int64_t a, int64_t board,
                std::string title) {
    book.apply(article_event(type, a, local(2025, 5, 25, 10, 0), next_event(),
                             title, board),
               morning);
    auto& m = model[a];
    m.board = board;
    m.title = std::move(title);
  }

  void like(article_book& book, int64_t a, int64_t likes) {
    book.apply(count_event(event_type::article_liked, a, likes, next_event()),
               morning);
    model[a].likes = likes;
  }

  void remove(article_book& book, int64_t a) {
    book.apply(article_event(event_type::article_deleted, a,
                             local(2025, 5, 25, 10, 0), next_event(), "", 0),
               morning);
    model[a].deleted = true;
  }

  // Brute force: the best `n` (ids) of the live scored articles that pass.
  template <class Pass>
  std::vector<int64_t> expected(size_t n, Pass pass) const {
    std::vector<std::pair<int64_t, int64_t>> scored; // score, id
    for (const auto& [id, m] : model)
      if (!m.deleted && m.likes > 0 && pass(m))
        scored.emplace_back(m.likes * 3, id);
    std::sort(scored.begin(), scored.end(), std::greater<>{});
    std::vector<int64_t> out;
    for (size_t i = 0; i < std::min(n, scored.size()); ++i)
      out.push_back(scored[i].second);
    return out;
  }

  uint32_t expected_live(int64_t board) const {
    uint32_t live = 0;
    for (const auto& [id, m] : model)
      live += !m.deleted && m.board == board ? 1 : 0;
    return live;
  }
};

std::vector<int64_t> ids_of(const std::vector<ranked_article>& list) {
  std::vector<int64_t> out;
  for (const auto& a : list)
    out.push_back(a.id.value());
  return out;
}

// What a day's ranking takes when it writes the boards: the tops of the
// boards named changed since it last took them.
std::vector<board_top> changed_tops(article_book& book) {
  std::vector<board_changes> changes;
  book.collect_board_changes(0, changes);
  std::vector<board_top> out;
  for (const auto& day_changes : changes) {
    auto tops = book.board_tops(0, day_changes.day, day_changes.boards);
    out.insert(out.end(), tops.begin(), tops.end());
  }
  return out;
}

} // namespace

TEST_CASE_METHOD(boards_fixture,
                 "each board's best and the day's best match brute force") {
  constexpr uint32_t top = 4;
  constexpr int boards = 7;
  auto book = make_book(top, 1000);
  std::mt19937 rng(GENERATE(1u, 2u, 3u, 4u, 5u));
  // Skewed: board 0 gets most articles.
  std::discrete_distribution<int> board_of{40, 20, 10, 10, 5, 5, 10};
  std::map<std::pair<int64_t, int64_t>, board_top> sent; // (board) -> last
  std::vector<shard_top> global_sent;
  int created = 0;
  for (int step = 0; step < 3000; ++step) {
    auto roll = rng() % 100;
    if (created == 0 || roll < 15) {
      auto a = article(created++);
      snapshot(book, event_type::article_created, a, board_of(rng),
               "t" + std::to_string(step));
    } else {
      auto a
        = article(static_cast<int>(rng() % static_cast<unsigned>(created)));
      if (model[a].deleted)
        continue;
      if (roll < 70)
        like(book, a, static_cast<int64_t>(rng() % 40)); // up and down
      else if (roll < 80)
        snapshot(book, event_type::article_updated, a, board_of(rng),
                 "moved" + std::to_string(step));
      else if (roll < 88)
        snapshot(book, event_type::article_updated, a, model[a].board,
                 "renamed" + std::to_string(step));
      else if (roll < 92)
        remove(book, a);
    }
    if (step % 7 == 0) {
      for (auto& t : changed_tops(book))
        sent[{t.day.value(), t.board.value()}] = t;
      book.collect_tops(0, global_sent);
    }
  }
  for (auto& t : changed_tops(book))
    sent[{t.day.value(), t.board.value()}] = t;
  book.collect_tops(0, global_sent);

  auto all = [](const model_article&) { return true; };
  CHECK(ids_of(book.best(day, top)) == expected(top, all));
  CHECK(ids_of(book.best(day, 100)) == expected(100, all));
  REQUIRE(!global_sent.empty());
  CHECK(ids_of(global_sent.back().entries) == expected(top, all));
  for (int64_t b = 0; b < boards; ++b) {
    INFO("board " << b);
    auto on_board = [b](const model_article& m) { return m.board == b; };
    auto want = expected(top, on_board);
    CHECK(ids_of(book.best_of_board(day, board_id{b}, top)) == want);
    CHECK(ids_of(book.best_of_board(day, board_id{b}, 100))
          == expected(100, on_board));
    CHECK(book.live_on_board(day, board_id{b}) == expected_live(b));
    auto it = sent.find({day.value(), b});
    if (it == sent.end()) {
      CHECK(want.empty());
      CHECK(expected_live(b) == 0);
      continue;
    }
    CHECK(ids_of(it->second.entries) == want);
    CHECK(it->second.live == expected_live(b));
    for (const auto& entry : it->second.entries)
      CHECK(entry.title == model[entry.id.value()].title);
  }

  auto final = book.seal(0, day, top);
  CHECK(ids_of(final.global.entries) == expected(top, all));
  for (const auto& board : final.boards) {
    auto b = board.board.value();
    CHECK(ids_of(board.entries) == expected(top, [b](const model_article& m) {
            return m.board == b;
          }));
    CHECK(board.live == expected_live(b));
  }
}

TEST_CASE_METHOD(boards_fixture,
                 "a move takes an article from its old board's list to the "
                 "new one's") {
  auto book = make_book(2, 1000);
  auto a = article(1);
  auto b = article(2);
  snapshot(book, event_type::article_created, a, 1, "a");
  snapshot(book, event_type::article_created, b, 1, "b");
  like(book, a, 5);
  like(book, b, 3);
  auto tops = changed_tops(book);
  REQUIRE(tops.size() == 1);
  CHECK(ids_of(tops[0].entries) == std::vector<int64_t>{a, b});
  CHECK(tops[0].live == 2);

  snapshot(book, event_type::article_updated, a, 2, "a moved");
  tops = changed_tops(book);
  REQUIRE(tops.size() == 2);
  std::sort(tops.begin(), tops.end(), [](const auto& x, const auto& y) {
    return x.board.value() < y.board.value();
  });
  CHECK(ids_of(tops[0].entries) == std::vector<int64_t>{b});
  CHECK(tops[0].live == 1);
  CHECK(ids_of(tops[1].entries) == std::vector<int64_t>{a});
  CHECK(tops[1].entries[0].title == "a moved");
  CHECK(tops[1].live == 1);
  // The day's list does not care.
  CHECK(ids_of(book.best(day, 2)) == std::vector<int64_t>{a, b});

  SECTION("an older update does not move it back") {
    book.apply(article_event(event_type::article_updated, a,
                             local(2025, 5, 25, 10, 0),
                             snowflake_id(morning - 30min), "old", 1),
               morning);
    CHECK(ids_of(book.best_of_board(day, board_id{2}, 2))
          == std::vector<int64_t>{a});
  }
}

TEST_CASE_METHOD(boards_fixture,
                 "boards past the bound are counted, and their articles "
                 "still ranked for the day") {
  auto book = make_book(3, 2);
  for (int i = 0; i < 4; ++i) {
    auto a = article(i);
    snapshot(book, event_type::article_created, a, 10 + i, "t");
    like(book, a, 10 - i);
  }
  CHECK(book.boards_tracked() == 2);
  CHECK(book.boards_untracked() == 2);
  CHECK(ids_of(book.best(day, 3))
        == std::vector<int64_t>{article(0), article(1), article(2)});
  CHECK(book.best_of_board(day, board_id{12}, 3).empty());
  CHECK(changed_tops(book).size() == 2);

  SECTION("an article moving to an untracked board leaves its list") {
    snapshot(book, event_type::article_updated, article(0), 13, "away");
    CHECK(book.best_of_board(day, board_id{10}, 3).empty());
    CHECK(book.boards_untracked() == 3);
    CHECK(ids_of(book.best(day, 1)) == std::vector<int64_t>{article(0)});
  }
}

TEST_CASE_METHOD(boards_fixture,
                 "with boards off nothing per board is kept and the day's "
                 "list is unchanged") {
  auto book = make_book(3, 1000, false);
  for (int i = 0; i < 5; ++i) {
    auto a = article(i);
    snapshot(book, event_type::article_created, a, i % 2, "t");
    like(book, a, 1 + i);
  }
  CHECK(changed_tops(book).empty());
  CHECK(book.boards_tracked() == 0);
  CHECK(book.boards_untracked() == 0);
  CHECK(ids_of(book.best(day, 3))
        == std::vector<int64_t>{article(4), article(3), article(2)});
  CHECK(book.seal(0, day, 3).boards.empty());
}

TEST_CASE_METHOD(boards_fixture,
                 "a changed board is named once until taken, and again "
                 "after its next change") {
  auto book = make_book(2, 1000);
  auto a = article(1);
  snapshot(book, event_type::article_created, a, 4, "a");
  like(book, a, 5);
  like(book, a, 6);
  std::vector<board_changes> changes;
  book.collect_board_changes(0, changes);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].boards == std::vector<board_id>{board_id{4}});
  like(book, a, 7);
  changes.clear();
  book.collect_board_changes(0, changes);
  CHECK(changes.empty());
  CHECK(book.board_tops(0, day, {board_id{4}}).size() == 1);
  like(book, a, 8);
  book.collect_board_changes(0, changes);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].boards == std::vector<board_id>{board_id{4}});
}

TEST_CASE_METHOD(boards_fixture,
                 "a board emptied before it was taken is still named, with "
                 "nothing in it") {
  auto book = make_book(2, 1000);
  auto a = article(1);
  snapshot(book, event_type::article_created, a, 4, "a");
  like(book, a, 5);
  snapshot(book, event_type::article_updated, a, 5, "moved");
  std::vector<board_changes> changes;
  book.collect_board_changes(0, changes);
  REQUIRE(changes.size() == 1);
  auto tops = book.board_tops(0, day, changes[0].boards);
  REQUIRE(tops.size() == 2);
  std::sort(tops.begin(), tops.end(), [](const auto& x, const auto& y) {
    return x.board.value() < y.board.value();
  });
  CHECK(tops[0].entries.empty());
  CHECK(tops[0].live == 0);
  CHECK(ids_of(tops[1].entries) == std::vector<int64_t>{a});
}
