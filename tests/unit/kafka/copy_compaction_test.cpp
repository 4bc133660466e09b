// Which of one pull's events a source partition copies: the newest count
// per article, kind and day cuts, and everything else.
#include <catch2/catch.hpp>

#include "actors/kafka/copy_compaction.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

// Seoul keeps no DST: local midnight of 2026-12-07 is 2026-12-06T15:00Z,
// and with the default seal-after the day is sealed at 2026-12-07T16:00Z.
day_calendar seoul() {
  auto cal = day_calendar::make("Asia/Seoul", 1h);
  REQUIRE(cal);
  return *cal;
}

const instant midnight = instant{date::sys_days{date::year{2026} / 12 / 7}}
                         + 15h; // local midnight starting 2026-12-08
const instant seal = midnight + 1h;

// An event id minted at `at`; `seq` tells ids of one millisecond apart.
event_id id_at(instant at, int64_t seq = 0) {
  return event_id{snowflake_floor(at) + seq};
}

copy_candidate like(int64_t article, instant at, instant published,
                    int64_t seq = 0) {
  return copy_candidate{article_id{article}, event_type::article_liked,
                        id_at(at, seq), published};
}

std::vector<size_t> indexes(const std::vector<surviving_copy>& kept) {
  std::vector<size_t> out;
  for (const auto& k : kept)
    out.push_back(k.index);
  return out;
}

} // namespace

TEST_CASE("of one article's likes in a day only the newest is copied") {
  auto t = midnight - 2h;
  std::vector<copy_candidate> pull{like(7, t, t + 1s), like(7, t + 1s, t + 2s),
                                   like(7, t + 2s, t + 3s)};
  auto kept = surviving_copies(pull, seoul());
  CHECK(indexes(kept) == std::vector<size_t>{2});
}

TEST_CASE("the newest id wins whatever the offset order") {
  auto t = midnight - 2h;
  // The newest like arrives first, an older one after it.
  std::vector<copy_candidate> pull{like(7, t + 5s, t + 1s), like(7, t, t + 9s)};
  auto kept = surviving_copies(pull, seoul());
  REQUIRE(indexes(kept) == std::vector<size_t>{0});
  // It carries the group's newest stamp: a count waiting for its article
  // waits as long as the older one would have.
  CHECK(kept[0].published == t + 9s);
}

TEST_CASE("on equal ids the first in offset order is copied") {
  auto t = midnight - 2h;
  std::vector<copy_candidate> pull{like(7, t, t + 1s), like(7, t, t + 2s)};
  // The ranking applies the first and finds the second stale.
  CHECK(indexes(surviving_copies(pull, seoul())) == std::vector<size_t>{0});
}

TEST_CASE("a like stamped after local midnight is not merged with one "
          "before") {
  // The later one is beyond the day of an article created before
  // midnight; the earlier one is not.
  std::vector<copy_candidate> pull{like(7, midnight - 1ms, midnight),
                                   like(7, midnight, midnight + 1ms)};
  CHECK(indexes(surviving_copies(pull, seoul())) == std::vector<size_t>{0, 1});
}

TEST_CASE("a like published after the seal is not merged with one before") {
  auto t = midnight - 1h;
  // Both happened on the same day; only the second reached the broker
  // after that day was sealed, so it is late for it and the first is not.
  std::vector<copy_candidate> pull{like(7, t, seal - 1ms),
                                   like(7, t + 1s, seal)};
  CHECK(indexes(surviving_copies(pull, seoul())) == std::vector<size_t>{0, 1});
}

TEST_CASE("likes published either side of midnight but before the seal "
          "merge") {
  auto t = midnight - 1h;
  std::vector<copy_candidate> pull{like(7, t, midnight - 1s),
                                   like(7, t + 1s, midnight + 30min)};
  CHECK(indexes(surviving_copies(pull, seoul())) == std::vector<size_t>{1});
}

TEST_CASE("kinds and articles are compacted apart") {
  auto t = midnight - 2h;
  auto comment = like(7, t + 1s, t + 1s);
  comment.type = event_type::comment_created;
  auto view = like(7, t + 2s, t + 2s);
  view.type = event_type::article_viewed;
  std::vector<copy_candidate> pull{like(7, t, t), comment, view,
                                   like(8, t + 3s, t + 3s)};
  CHECK(indexes(surviving_copies(pull, seoul()))
        == std::vector<size_t>{0, 1, 2, 3});
}

TEST_CASE("article events are never dropped") {
  auto t = midnight - 2h;
  auto event_of = [&](event_type type, int64_t seq) {
    return copy_candidate{article_id{7}, type, id_at(t, seq), t};
  };
  std::vector<copy_candidate> pull{event_of(event_type::article_created, 0),
                                   like(7, t, t, 1),
                                   event_of(event_type::article_updated, 2),
                                   event_of(event_type::article_updated, 2),
                                   like(7, t, t, 3),
                                   event_of(event_type::article_deleted, 4)};
  CHECK(indexes(surviving_copies(pull, seoul()))
        == std::vector<size_t>{0, 2, 3, 4, 5});
}

TEST_CASE("an empty pull copies nothing") {
  CHECK(surviving_copies({}, seoul()).empty());
}

TEST_CASE("a like and an unlike carry the same count and merge") {
  auto t = midnight - 2h;
  auto unlike = like(7, t + 1s, t + 1s);
  unlike.type = event_type::article_unliked;
  std::vector<copy_candidate> pull{like(7, t, t), unlike};
  CHECK(indexes(surviving_copies(pull, seoul())) == std::vector<size_t>{1});
}
