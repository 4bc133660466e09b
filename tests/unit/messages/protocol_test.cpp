// The protocol's message types are complete CAF message types: every field
// is inspected, so they survive a serialization round trip unchanged.
#include <catch2/catch.hpp>

#include <type_traits>
#include <vector>

#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>

#include "messages/interfaces.hpp"

using namespace hot;

namespace {

template <class T>
T round_trip(T value) {
  std::vector<char> buffer;
  caf::binary_serializer sink{nullptr, buffer};
  if (auto err = sink(value))
    FAIL("serialize: " << caf::to_string(err));
  caf::binary_deserializer source{nullptr, buffer};
  T copy;
  if (auto err = source(copy))
    FAIL("deserialize: " << caf::to_string(err));
  return copy;
}

ranked_article sample_article() {
  ranked_article x;
  x.id = article_id{184721186211950592};
  x.score = 57;
  x.title = "hello";
  REQUIRE(parse_iso_local_datetime("2025-05-25T02:36:02.746755", x.created_at)
          == datetime_problem::none);
  x.title_version = event_id{184721186232410112};
  return x;
}

} // namespace

TEST_CASE("events and batches round-trip through CAF serialization") {
  // Every field differs from its default, so a field the inspector skips
  // comes back different.
  published_event item;
  item.ev.id = event_id{184721186232410112};
  item.ev.type = event_type::article_updated;
  item.ev.article = article_id{9007199254740993};
  item.ev.board = board_id{4};
  REQUIRE(
    parse_iso_local_datetime("2025-05-25T02:36:02.746755", item.ev.created_at)
    == datetime_problem::none);
  item.ev.title = "title";
  item.ev.count = 12;
  item.published = instant{std::chrono::milliseconds{1748108162751}};
  published_event other = item;
  other.ev.id = event_id{184721186232410113};
  other.ev.type = event_type::article_liked;
  event_batch batch;
  batch.events = {other, item};
  auto copy = round_trip(batch);
  REQUIRE(copy.events.size() == 2);
  CHECK(copy.events[0].ev.id == other.ev.id);
  CHECK(copy.events[0].ev.type == event_type::article_liked);
  const auto& ev = copy.events[1].ev;
  CHECK(ev.id == item.ev.id);
  CHECK(ev.type == event_type::article_updated);
  CHECK(ev.article == item.ev.article);
  CHECK(ev.board == item.ev.board);
  CHECK(ev.created_at == item.ev.created_at);
  CHECK(ev.title == "title");
  CHECK(ev.count == 12);
  CHECK(copy.events[1].published == item.published);
}

TEST_CASE("ranking messages round-trip through CAF serialization") {
  shard_top top{3, *day_key::parse("20250525"), {sample_article()}};
  auto top_copy = round_trip(top);
  CHECK(top_copy.shard == 3);
  CHECK(top_copy.day == top.day);
  CHECK(top_copy.entries == top.entries);
  CHECK(top_copy.entries[0].title_version == top.entries[0].title_version);

  list_snapshot snapshot{top.day, {sample_article()}, {sample_article()}, true};
  auto snapshot_copy = round_trip(snapshot);
  CHECK(snapshot_copy.day == snapshot.day);
  CHECK(snapshot_copy.top == snapshot.top);
  CHECK(snapshot_copy.final);
  CHECK(snapshot_copy.reserve == snapshot.reserve);

  sealed_edit edit{top.day, article_id{5}, edit_kind::retitle, "new",
                   event_id{77}};
  auto edit_copy = round_trip(edit);
  CHECK(edit_copy.day == edit.day);
  CHECK(edit_copy.article == article_id{5});
  CHECK(edit_copy.kind == edit_kind::retitle);
  CHECK(edit_copy.title == "new");
  CHECK(edit_copy.title_version == event_id{77});
}

TEST_CASE("introspection messages round-trip through CAF serialization") {
  actor_stats stats;
  stats.name = "shard 1";
  stats.kind = "shard";
  stats.messages = 10;
  partition_figures figures;
  figures.topic = "board-like";
  figures.partition = 3;
  figures.source = true;
  figures.consumed = 42;
  figures.outcomes.late = 5;
  figures.rejected_by[2] = 7;
  stats.figures = figures;
  auto copy = round_trip(stats);
  const auto* f = caf::get_if<partition_figures>(&copy.figures);
  REQUIRE(f != nullptr);
  CHECK(f->topic == "board-like");
  CHECK(f->partition == 3);
  CHECK(f->source);
  CHECK(f->consumed == 42);
  CHECK(f->outcomes.late == 5);
  CHECK(f->rejected_by == figures.rejected_by);

  ranking_figures day;
  day.day = *day_key::from_ymd(2026, 12, 3);
  day.top = {ranked_article{article_id{9}, 30, "hot", {}, event_id{1}}};
  stats.figures = day;
  auto day_copy = round_trip(stats);
  const auto* d = caf::get_if<ranking_figures>(&day_copy.figures);
  REQUIRE(d != nullptr);
  CHECK(d->day == day.day);
  CHECK(d->top == day.top);

  article_view view;
  view.id = article_id{7};
  view.found = true;
  view.likes = 3;
  view.views_version = event_id{99};
  auto view_copy = round_trip(view);
  CHECK(view_copy.likes == 3);
  CHECK(view_copy.views_version == event_id{99});
}

TEST_CASE("every top-level actor can be asked for its figures") {
  CHECK(std::is_convertible<directory_actor, stats_source_actor>::value);
  CHECK(std::is_convertible<kafka_source_actor, stats_source_actor>::value);
  CHECK(std::is_convertible<redis_writer_actor, stats_source_actor>::value);
}
