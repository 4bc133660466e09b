// The shard's rules: absolute counts, versions, deletes, waiting counts,
// day ends and seals, and the exact per-day order.
#include <catch2/catch.hpp>

#include "actors/ranking/state/article_book.hpp"
#include "tests/support/event_builders.hpp"

using namespace hot;
using namespace hot::test;
using namespace std::chrono_literals;

namespace {

// Day 2025-05-25 in Seoul runs 2025-05-24T15:00Z .. 2025-05-25T15:00Z and
// seals at 2025-05-25T16:00Z.
struct book_fixture {
  day_calendar calendar = *day_calendar::make("Asia/Seoul", 1h);
  day_key day = *day_key::parse("20250525");
  instant morning = utc(2025, 5, 25, 1, 0); // 10:00 KST
  shard_settings settings;
  article_book book{calendar, score_weights{}, settings, 10,
                    *day_key::parse("20250524")};
  uint32_t seq = 0;

  // A fresh, increasing Snowflake at `offset` after 10:00 KST.
  int64_t id(std::chrono::milliseconds offset = 0ms) {
    return snowflake_id(morning + offset, ++seq);
  }

  int64_t create(int64_t article, std::string title = "t") {
    book.apply(article_event(event_type::article_created, article,
                             local(2025, 5, 25, 10, 0), id(), std::move(title)),
               morning);
    return article;
  }

  apply_result count(event_type type, int64_t article, int64_t value,
                     int64_t event, instant published) {
    return book.apply(count_event(type, article, value, event), published);
  }

  apply_result like(int64_t article, int64_t value) {
    return count(event_type::article_liked, article, value, id(), morning);
  }

  std::vector<int64_t> order() {
    std::vector<int64_t> ids;
    for (const auto& a : book.best(day, 100))
      ids.push_back(a.id.value());
    return ids;
  }

  int64_t article(int n) {
    // Article ids are Snowflakes from the same morning.
    return snowflake_id(morning - 1h, static_cast<uint32_t>(1000 + n));
  }
};

} // namespace

TEST_CASE_METHOD(book_fixture, "counts are absolute values, never deltas") {
  auto a = create(article(1));
  CHECK(like(a, 5) == apply_result::applied);
  CHECK(like(a, 7) == apply_result::applied);
  CHECK(book.view(article_id{a}).likes == 7);
  CHECK(book.best(day, 1).at(0).score == 21);
}

TEST_CASE_METHOD(book_fixture,
                 "an older event of a kind is ignored and duplicates change "
                 "nothing") {
  auto a = create(article(1));
  auto older = id();
  auto newer = id();
  CHECK(count(event_type::article_liked, a, 9, newer, morning)
        == apply_result::applied);
  CHECK(count(event_type::article_unliked, a, 3, older, morning)
        == apply_result::stale);
  CHECK(count(event_type::article_liked, a, 9, newer, morning)
        == apply_result::stale);
  CHECK(book.view(article_id{a}).likes == 9);
  SECTION("versions are kept per kind") {
    CHECK(count(event_type::comment_created, a, 2, older, morning)
          == apply_result::applied);
    CHECK(book.view(article_id{a}).score == 9 * 3 + 2 * 2);
  }
}

TEST_CASE_METHOD(book_fixture,
                 "the score weighs likes 3, comments 2, views 1") {
  auto a = create(article(1));
  like(a, 2);
  count(event_type::comment_created, a, 3, id(), morning);
  count(event_type::article_viewed, a, 100, id(), morning);
  CHECK(book.view(article_id{a}).score == 2 * 3 + 3 * 2 + 100);
}

TEST_CASE_METHOD(book_fixture, "an unlike lowers an article below another") {
  auto a = create(article(1));
  auto b = create(article(2));
  like(a, 5);
  like(b, 4);
  CHECK(order() == std::vector<int64_t>{a, b});
  CHECK(count(event_type::article_unliked, a, 3, id(), morning)
        == apply_result::applied);
  CHECK(order() == std::vector<int64_t>{b, a});
}

TEST_CASE_METHOD(book_fixture,
                 "equal scores rank the higher article id first") {
  auto low = create(article(1));
  auto high = create(article(2));
  like(low, 1);
  like(high, 1);
  CHECK(order() == std::vector<int64_t>{high, low});
}

TEST_CASE_METHOD(book_fixture,
                 "articles with a score of zero are not in the list") {
  auto a = create(article(1));
  CHECK(order().empty());
  like(a, 1);
  CHECK(order() == std::vector<int64_t>{a});
  count(event_type::article_unliked, a, 0, id(), morning);
  CHECK(order().empty());
}

TEST_CASE_METHOD(book_fixture, "a delete removes the article for good") {
  auto a = create(article(1));
  auto b = create(article(2));
  like(a, 9);
  like(b, 1);
  auto del = article_event(event_type::article_deleted, a,
                           local(2025, 5, 25, 10, 0), id());
  CHECK(book.apply(del, morning) == apply_result::applied);
  CHECK(order() == std::vector<int64_t>{b});
  CHECK(like(a, 50) == apply_result::deleted);
  CHECK(book.apply(article_event(event_type::article_updated, a,
                                 local(2025, 5, 25, 10, 0), id(), "back?"),
                   morning)
        == apply_result::deleted);
  CHECK(order() == std::vector<int64_t>{b});
  CHECK(book.tombstones() == 1);
  CHECK(book.view(article_id{a}).deleted);
}

TEST_CASE_METHOD(book_fixture,
                 "a delete that arrives first still wins over the creation") {
  auto a = article(1);
  book.apply(article_event(event_type::article_deleted, a,
                           local(2025, 5, 25, 10, 0), id(1s)),
             morning);
  create(a);
  like(a, 4);
  CHECK(order().empty());
}

TEST_CASE_METHOD(book_fixture,
                 "counts that arrive before the creation wait for it") {
  auto a = article(1);
  CHECK(like(a, 4) == apply_result::pending);
  CHECK(count(event_type::comment_created, a, 1, id(), morning)
        == apply_result::pending);
  CHECK(book.pending_events() == 2);
  CHECK(order().empty());
  create(a);
  CHECK(book.pending_events() == 0);
  CHECK(order() == std::vector<int64_t>{a});
  CHECK(book.view(article_id{a}).score == 4 * 3 + 1 * 2);
  CHECK(book.applied_later() == 2);
}

TEST_CASE_METHOD(book_fixture,
                 "an article whose createdAt is far from its id's Snowflake "
                 "time is counted") {
  // createdAt 10:00 KST is `morning`; article(n) was minted an hour before.
  auto honest = snowflake_id(morning + 1min, 7);
  create(honest);
  CHECK(book.snowflake_mismatches() == 0);
  create(article(1));
  CHECK(book.snowflake_mismatches() == 1);
  CHECK(book.last_snowflake_mismatch().first == article_id{article(1)});
  // Each article once: a title update is no new evidence.
  book.apply(article_event(event_type::article_updated, article(1),
                           local(2025, 5, 25, 10, 0), id(), "u"),
             morning);
  CHECK(book.snowflake_mismatches() == 1);
  SECTION("not when article ids are declared not to be Snowflakes") {
    settings.snowflake_article_ids = false;
    article_book plain{calendar, score_weights{}, settings, 10,
                       *day_key::parse("20250524")};
    plain.apply(article_event(event_type::article_created, article(2),
                              local(2025, 5, 25, 10, 0), id(), "t"),
                morning);
    CHECK(plain.snowflake_mismatches() == 0);
  }
}

TEST_CASE_METHOD(book_fixture,
                 "a title update refreshes the title in the shard's top") {
  auto a = create(article(1), "old");
  like(a, 1);
  std::vector<shard_top> tops;
  book.collect_tops(0, tops);
  REQUIRE(tops.size() == 1);
  CHECK(tops[0].entries.at(0).title == "old");
  tops.clear();
  book.apply(article_event(event_type::article_updated, a,
                           local(2025, 5, 25, 10, 0), id(), "new"),
             morning);
  book.collect_tops(0, tops);
  REQUIRE(tops.size() == 1);
  CHECK(tops[0].entries.at(0).title == "new");
  SECTION("an older update does not bring the old title back") {
    auto stale = article_event(event_type::article_updated, a,
                               local(2025, 5, 25, 10, 0),
                               snowflake_id(morning - 1min), "older");
    CHECK(book.apply(stale, morning) == apply_result::stale);
    CHECK(book.view(article_id{a}).title == "new");
  }
}

TEST_CASE_METHOD(book_fixture, "tops are reported only when they change") {
  auto a = create(article(1));
  std::vector<shard_top> tops;
  book.collect_tops(3, tops);
  CHECK(tops.empty());
  like(a, 1);
  book.collect_tops(3, tops);
  REQUIRE(tops.size() == 1);
  CHECK(tops[0].shard == 3);
  CHECK(tops[0].day == day);
  tops.clear();
  // A newer event with the same count changes nothing visible.
  like(a, 1);
  book.collect_tops(3, tops);
  CHECK(tops.empty());
}

TEST_CASE_METHOD(book_fixture, "events after the end of the day do not count") {
  auto a = create(article(1));
  like(a, 2);
  auto end = calendar.end_of(day);
  CHECK(count(event_type::article_liked, a, 9, snowflake_id(end), end)
        == apply_result::beyond_day);
  CHECK(count(event_type::article_liked, a, 8, snowflake_id(end - 1ms), end)
        == apply_result::applied);
  CHECK(book.view(article_id{a}).likes == 8);
}

TEST_CASE_METHOD(book_fixture,
                 "events published after the seal instant are late") {
  auto a = create(article(1));
  auto seal = calendar.seal_of(day);
  auto before_midnight = snowflake_id(calendar.end_of(day) - 1min);
  CHECK(count(event_type::article_liked, a, 3, before_midnight, seal)
        == apply_result::late);
  CHECK(count(event_type::article_liked, a, 3, before_midnight, seal - 1ms)
        == apply_result::applied);
}

TEST_CASE_METHOD(book_fixture,
                 "sealing returns the best articles and forgets the day") {
  auto a = create(article(1));
  auto b = create(article(2));
  like(a, 2);
  like(b, 1);
  auto best = book.seal(0, day, 1).global.entries;
  REQUIRE(best.size() == 1);
  CHECK(best[0].id.value() == a);
  CHECK(book.sealed_through() == day);
  CHECK(book.articles() == 0);
  CHECK(book.open_days() == 0);
  SECTION("counts for its articles are then late") {
    CHECK(like(a, 5) == apply_result::late);
  }
  SECTION("deletes and title updates become edits of the stored list") {
    book.apply(article_event(event_type::article_deleted, b,
                             local(2025, 5, 25, 10, 0), id()),
               morning);
    book.apply(article_event(event_type::article_updated, a,
                             local(2025, 5, 25, 10, 0), id(), "renamed"),
               morning);
    auto edits = book.take_edits();
    REQUIRE(edits.size() == 2);
    CHECK(edits[0].kind == edit_kind::remove);
    CHECK(edits[0].article.value() == b);
    CHECK(edits[1].kind == edit_kind::retitle);
    CHECK(edits[1].title == "renamed");
    CHECK(edits[1].day == day);
    CHECK(book.take_edits().empty());
  }
}

TEST_CASE_METHOD(book_fixture,
                 "counts for articles created before the open days are late "
                 "at once") {
  auto old_article = snowflake_id(utc(2025, 5, 20), 1);
  CHECK(like(old_article, 3) == apply_result::late);
  CHECK(book.pending_events() == 0);
  SECTION("unless article ids are not Snowflakes") {
    settings.snowflake_article_ids = false;
    article_book plain{calendar, score_weights{}, settings, 10,
                       *day_key::parse("20250524")};
    CHECK(
      plain.apply(count_event(event_type::article_liked, 7, 3, id()), morning)
      == apply_result::pending);
  }
}

TEST_CASE_METHOD(book_fixture, "waiting counts are bounded and expire") {
  settings.pending_limit = 3;
  settings.pending_ttl = 10min;
  article_book small{calendar, score_weights{}, settings, 10,
                     *day_key::parse("20250524")};
  for (int i = 1; i <= 5; ++i)
    small.apply(count_event(event_type::article_liked, article(i), 1, id()),
                morning + std::chrono::minutes{i});
  CHECK(small.pending_events() == 3);
  CHECK(small.pending_dropped() == 2);
  CHECK_FALSE(small.view(article_id{article(1)}).found);
  CHECK(small.view(article_id{article(5)}).found);
  small.expire_pending(morning + 14min);
  CHECK(small.pending_events() == 2);
  small.expire_pending(morning + 15min);
  CHECK(small.pending_events() == 1);
  small.expire_pending(morning + 16min);
  CHECK(small.pending_events() == 0);
}

TEST_CASE_METHOD(
  book_fixture, "a count that arrives a ttl behind the stream time still "
                "waits a ttl, and a stream time stated again expires nothing") {
  settings.pending_ttl = 10min;
  article_book waiting{calendar, score_weights{}, settings, 10,
                       *day_key::parse("20250524")};
  waiting.expire_pending(morning + 1h);
  // Stamped an hour behind the stream time: its wait starts now.
  waiting.apply(count_event(event_type::article_liked, article(1), 4, id()),
                morning);
  // Each batch states the stream time again, unchanged: where a pull ends
  // must not decide whether the count is still there.
  waiting.expire_pending(morning + 1h);
  waiting.expire_pending(morning + 1h + 10min);
  CHECK(waiting.pending_events() == 1);
  waiting.apply(article_event(event_type::article_created, article(1),
                              local(2025, 5, 25, 10, 0), id(), "t"),
                morning + 1h);
  CHECK(waiting.view(article_id{article(1)}).likes == 4);
  CHECK(waiting.pending_events() == 0);
  // A ttl after it arrived, a count still waiting expires.
  waiting.apply(count_event(event_type::article_liked, article(2), 4, id()),
                morning);
  waiting.expire_pending(morning + 1h + 20min + 1ms);
  CHECK(waiting.pending_events() == 0);
}

TEST_CASE_METHOD(book_fixture,
                 "many articles rising and falling keep the order exact") {
  // Scores move up and down; the index must always equal a full sort.
  std::vector<int64_t> likes(50, 0);
  for (int i = 0; i < 50; ++i)
    create(article(i));
  uint32_t x = 12345;
  for (int step = 0; step < 2000; ++step) {
    x = x * 1103515245 + 12345;
    auto who = static_cast<size_t>((x >> 8) % 50);
    auto value = static_cast<int64_t>((x >> 16) % 40);
    like(article(static_cast<int>(who)), value);
    likes[who] = value;
  }
  std::vector<std::pair<int64_t, int64_t>> expected;
  for (int i = 0; i < 50; ++i)
    if (likes[static_cast<size_t>(i)] > 0)
      expected.emplace_back(likes[static_cast<size_t>(i)] * 3, article(i));
  std::sort(expected.begin(), expected.end(), std::greater<>{});
  auto best = book.best(day, 100);
  REQUIRE(best.size() == expected.size());
  for (size_t i = 0; i < best.size(); ++i) {
    CHECK(best[i].score == expected[i].first);
    CHECK(best[i].id.value() == expected[i].second);
  }
}

TEST_CASE_METHOD(book_fixture,
                 "a flood of one kind of waiting count keeps the other kinds") {
  auto a = article(1);
  count(event_type::comment_created, a, 7, id(), morning);
  for (int i = 1; i <= 200; ++i)
    like(a, i);
  create(a);
  auto view = book.view(article_id{a});
  CHECK(view.comments == 7);
  CHECK(view.likes == 200);
  CHECK(book.pending_dropped() == 200 - 64);
}
