// Sealed-day edits folded into a stored list, and what the writer keeps.
#include <catch2/catch.hpp>

#include "actors/redis/stored_days.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

const day_key day = *day_key::parse("20250525");

ranked_article entry(int64_t id, int64_t score, std::string title = "t",
                     int64_t version = 1) {
  ranked_article out;
  out.id = article_id{id};
  out.score = score;
  out.title = std::move(title);
  out.title_version = event_id{version};
  return out;
}

std::vector<int64_t> ids(const std::vector<ranked_article>& xs) {
  std::vector<int64_t> out;
  for (const auto& x : xs)
    out.push_back(x.id.value());
  return out;
}

sealed_edit removal(int64_t id) {
  return sealed_edit{day, article_id{id}, edit_kind::remove, {}, {}};
}

sealed_edit retitle(int64_t id, std::string title, int64_t version) {
  return sealed_edit{day, article_id{id}, edit_kind::retitle, std::move(title),
                     event_id{version}};
}

list_snapshot sealed_list() {
  return list_snapshot{day,
                       {entry(1, 9), entry(2, 8), entry(3, 7)},
                       {entry(4, 6), entry(5, 6), entry(6, 1)},
                       true};
}

} // namespace

TEST_CASE("a folded delete refills the list from the reserve, best first") {
  auto list = sealed_list();
  CHECK(apply_edit(list, removal(2), 3));
  // 4 and 5 tie at 6: the higher id comes in, as the edit script picks.
  CHECK(ids(list.top) == std::vector<int64_t>{1, 3, 5});
  CHECK(ids(list.reserve) == std::vector<int64_t>{4, 6});
  SECTION("a repeated delete changes nothing") {
    CHECK_FALSE(apply_edit(list, removal(2), 3));
  }
  SECTION("deleting a reserve article only shrinks the reserve") {
    CHECK(apply_edit(list, removal(6), 3));
    CHECK(ids(list.top) == std::vector<int64_t>{1, 3, 5});
    CHECK(ids(list.reserve) == std::vector<int64_t>{4});
  }
  SECTION("when the reserve runs out the list shrinks") {
    for (int64_t id : {1, 3, 5, 4})
      CHECK(apply_edit(list, removal(id), 3));
    CHECK(ids(list.top) == std::vector<int64_t>{6});
    CHECK(list.reserve.empty());
  }
  SECTION("an article never listed changes nothing") {
    CHECK_FALSE(apply_edit(list, removal(99), 3));
  }
}

TEST_CASE("a folded title update applies only when newer") {
  auto list = sealed_list();
  CHECK(apply_edit(list, retitle(5, "new", 20), 3));
  CHECK(list.reserve[1].title == "new");
  CHECK_FALSE(apply_edit(list, retitle(5, "stale", 15), 3));
  CHECK_FALSE(apply_edit(list, retitle(5, "same", 20), 3));
  CHECK(list.reserve[1].title == "new");
  CHECK_FALSE(apply_edit(list, retitle(99, "x", 30), 3));
  SECTION("the new title moves with the article into the list") {
    CHECK(apply_edit(list, removal(1), 3));
    CHECK(ids(list.top) == std::vector<int64_t>{2, 3, 5});
    CHECK(list.top[2].title == "new");
  }
}

TEST_CASE("stored days are kept until their keys expire, the marker only "
          "moves forward") {
  stored_days stored;
  auto now = stored_days::clock::now();
  stored.stored(sealed_list(), now + 10s);
  stored.stored(list_snapshot{day.next(), {entry(7, 3)}}, now + 20s);
  CHECK(stored.days().size() == 2);
  REQUIRE(stored.find(day) != nullptr);
  CHECK(stored.find(day)->snapshot.final);
  stored.stored(list_snapshot{day.next(), {entry(8, 4)}}, now + 30s);
  CHECK(ids(stored.find(day.next())->snapshot.top) == std::vector<int64_t>{8});
  stored.expire(now + 10s);
  CHECK(stored.find(day) == nullptr);
  CHECK(stored.find(day.next()) != nullptr);
  stored.expire(now + 31s);
  CHECK(stored.days().empty());
  CHECK_FALSE(stored.marker());
  stored.marker_stored(day.next());
  stored.marker_stored(day);
  CHECK(stored.marker() == day.next());
}
