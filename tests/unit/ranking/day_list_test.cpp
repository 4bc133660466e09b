// Merging the shards' tops into a day's exact list, and its final form.
#include <catch2/catch.hpp>

#include "actors/ranking/state/day_list.hpp"

using namespace hot;

namespace {

ranked_article entry(int64_t id, int64_t score, std::string title = "t") {
  ranked_article out;
  out.id = article_id{id};
  out.score = score;
  out.title = std::move(title);
  return out;
}

shard_top top(uint32_t shard, std::vector<ranked_article> entries) {
  return shard_top{shard, *day_key::parse("20250525"), std::move(entries)};
}

std::vector<int64_t> ids(const std::vector<ranked_article>& xs) {
  std::vector<int64_t> out;
  for (const auto& x : xs)
    out.push_back(x.id.value());
  return out;
}

} // namespace

TEST_CASE("the day's list is the best of the union of the shards' tops") {
  day_list list{3};
  CHECK(list.update(top(0, {entry(1, 9), entry(2, 5)})));
  CHECK(list.update(top(1, {entry(3, 7), entry(4, 5)})));
  CHECK(ids(list.top()) == std::vector<int64_t>{1, 3, 4});
  SECTION("a shard's lower top lets another shard's article in") {
    CHECK(list.update(top(0, {entry(2, 5)})));
    CHECK(ids(list.top()) == std::vector<int64_t>{3, 4, 2});
  }
  SECTION("an unchanged merge reports no change") {
    CHECK_FALSE(list.update(top(1, {entry(3, 7), entry(4, 5), entry(9, 1)})));
  }
  SECTION("a title change is a change") {
    CHECK(list.update(top(1, {entry(3, 7, "new"), entry(4, 5)})));
  }
  SECTION("an emptied shard drops out") {
    CHECK(list.update(top(0, {})));
    CHECK(ids(list.top()) == std::vector<int64_t>{3, 4});
  }
}

TEST_CASE("the final list keeps a reserve of the next-ranked articles") {
  auto snapshot
    = day_list::finalize(*day_key::parse("20250525"),
                         {top(0, {entry(1, 9), entry(2, 5), entry(5, 1)}),
                          top(1, {entry(3, 7), entry(4, 5), entry(6, 1)})},
                         2, 3);
  CHECK(snapshot.final);
  CHECK(ids(snapshot.top) == std::vector<int64_t>{1, 3});
  CHECK(ids(snapshot.reserve) == std::vector<int64_t>{4, 2, 6});
}
