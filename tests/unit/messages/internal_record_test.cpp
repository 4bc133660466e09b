// Internal records: every event survives the trip exactly, the layout is
// the documented one, JSON copies still read, and every damaged record is
// refused with its reason.
#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include "messages/decode_error.hpp"
#include "messages/event_decoder.hpp"
#include "messages/event_encoder.hpp"
#include "messages/internal_record.hpp"

using namespace hot;

namespace {

event sample(event_type type) {
  event ev;
  ev.id = event_id{184721186232410112};
  ev.type = type;
  ev.article = article_id{184721186211950592};
  ev.board = board_id{7};
  if (is_article_event(type)) {
    ev.title = "하루 hot — \"quoted\"";
    make_local_datetime(2025, 5, 25, 2, 36, 2, 746755000, ev.created_at);
  } else {
    ev.count = 42;
  }
  return ev;
}

void check_same(const event& a, const event& b) {
  CHECK(a.id == b.id);
  CHECK(a.type == b.type);
  CHECK(a.article == b.article);
  CHECK(a.board == b.board);
  CHECK(a.created_at == b.created_at);
  CHECK(a.title == b.title);
  CHECK(a.count == b.count);
}

decode_errc failure_of(std::string_view record) {
  event_decoder json;
  auto result = decode_internal_record(record, json);
  REQUIRE_FALSE(result);
  auto code = decode_errc_of(result.error());
  REQUIRE(code);
  CHECK_FALSE(describe(result.error()).empty());
  return *code;
}

} // namespace

TEST_CASE("every event type comes back from its record exactly") {
  event_decoder json;
  for (size_t i = 0; i < event_type_count; ++i) {
    auto ev = sample(static_cast<event_type>(i));
    INFO(wire_name(ev.type));
    auto record = encode_internal_record(ev);
    CHECK(record.size() == internal_record_fixed_size + ev.title.size());
    auto back = decode_internal_record(record, json);
    REQUIRE(back);
    check_same(*back, ev);
  }
}

TEST_CASE("a record keeps the extremes of every field") {
  event ev;
  ev.id = event_id{std::numeric_limits<int64_t>::max()};
  ev.type = event_type::article_viewed;
  ev.article = article_id{std::numeric_limits<int64_t>::max() - 1};
  ev.board = board_id{-1};
  ev.count = std::numeric_limits<int64_t>::max();
  REQUIRE(
    make_local_datetime(9999, 12, 31, 23, 59, 59, 999999999, ev.created_at)
    == datetime_problem::none);
  ev.title = std::string(70000, 'x');
  event_decoder json;
  auto back = decode_internal_record(encode_internal_record(ev), json);
  REQUIRE(back);
  check_same(*back, ev);
}

TEST_CASE("a record's bytes are the layout docs/design.md gives") {
  event ev;
  ev.id = event_id{0x0102030405060708};
  ev.type = event_type::article_created; // 0
  ev.article = article_id{0x1112131415161718};
  ev.board = board_id{2};
  ev.count = 0;
  make_local_datetime(2025, 5, 25, 2, 36, 2, 746755000, ev.created_at);
  ev.title = "hi";
  auto record = encode_internal_record(ev);
  const std::string expected{
    "\x01"                             // version
    "\x00"                             // type
    "\x08\x07\x06\x05\x04\x03\x02\x01" // eventId, little-endian
    "\x18\x17\x16\x15\x14\x13\x12\x11" // articleId
    "\x02\x00\x00\x00\x00\x00\x00\x00" // boardId
    "\x00\x00\x00\x00\x00\x00\x00\x00" // count
    "\xe9\x07\x00\x00"                 // year 2025
    "\x05\x19\x02\x24\x02"             // month, day, hour, minute, second
    "\xb8\x93\x82\x2c"                 // nanos 746755000
    "\x02\x00\x00\x00"                 // title bytes
    "hi",
    internal_record_fixed_size + 2};
  CHECK(record == expected);
}

TEST_CASE("a JSON copy written before records still reads as its event") {
  auto ev = sample(event_type::article_updated);
  auto copy = encode_event(ev);
  event_decoder json;
  auto back = decode_internal_record(copy, json);
  REQUIRE(back);
  check_same(*back, ev);
  CHECK(failure_of(R"({"eventId":1})") == decode_errc::missing_field);
  // The original bytes of a copy may start with JSON whitespace.
  for (const char* space : {" ", "\t", "\n", "\r\n"}) {
    auto back_spaced = decode_internal_record(space + copy, json);
    REQUIRE(back_spaced);
    check_same(*back_spaced, ev);
  }
}

TEST_CASE("a record of a version this build does not know is refused as "
          "such") {
  auto record = encode_internal_record(sample(event_type::article_liked));
  for (int version : {0, 2, 8, 0x7a, 0x7c, 0xff}) {
    INFO("version " << version);
    record[0] = static_cast<char>(version);
    CHECK(failure_of(record) == decode_errc::unknown_record_version);
  }
}

TEST_CASE("a damaged record is refused as malformed, never read") {
  auto record = encode_internal_record(sample(event_type::article_created));
  SECTION("empty") {
    CHECK(failure_of("") == decode_errc::malformed_record);
  }
  SECTION("cut short anywhere") {
    for (size_t size = 1; size < record.size(); ++size) {
      INFO(size << " of " << record.size() << " bytes");
      CHECK(failure_of(std::string_view{record}.substr(0, size))
            == decode_errc::malformed_record);
    }
  }
  SECTION("with bytes after its title") {
    CHECK(failure_of(record + "x") == decode_errc::malformed_record);
  }
  SECTION("with a type no event has") {
    record[1] = static_cast<char>(event_type_count);
    CHECK(failure_of(record) == decode_errc::malformed_record);
  }
  SECTION("with month 13") {
    record[38] = 13;
    CHECK(failure_of(record) == decode_errc::malformed_record);
  }
  SECTION("with an id that is not positive") {
    for (size_t at : {2u, 10u}) {
      auto bad = record;
      bad.replace(at, 8, std::string(8, '\0'));
      CHECK(failure_of(bad) == decode_errc::malformed_record);
      bad.replace(at, 8, std::string(8, '\xff'));
      CHECK(failure_of(bad) == decode_errc::malformed_record);
    }
  }
  SECTION("with a negative count") {
    record[33] = static_cast<char>(0x80);
    CHECK(failure_of(record) == decode_errc::malformed_record);
  }
}
