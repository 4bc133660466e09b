// Decoding of the reference envelope: every type, both date forms, and every
// way a message can be wrong.
#include <catch2/catch.hpp>

#include <string>

#include "messages/event_decoder.hpp"
#include "messages/event_encoder.hpp"

using namespace hot;

namespace {

// Decodes and requires success, so a failure shows the decoder's reason.
event decode_ok(const std::string& json) {
  event_decoder decoder;
  auto result = decoder.decode(json);
  INFO(json);
  if (!result)
    FAIL("decode failed: " << describe(result.error()));
  return std::move(*result);
}

decode_errc decode_failure(const std::string& json) {
  event_decoder decoder;
  auto result = decoder.decode(json);
  INFO(json.substr(0, 200));
  REQUIRE_FALSE(result);
  auto code = decode_errc_of(result.error());
  REQUIRE(code);
  return *code;
}

std::string describe_failure(const std::string& json) {
  event_decoder decoder;
  auto result = decoder.decode(json);
  REQUIRE_FALSE(result);
  return describe(result.error());
}

const std::string article_created_iso
  = R"({"eventId":184721186232410112,"type":"ARTICLE_CREATED","payload":{"articleId":184721186211950592,"title":"hi","content":"my content","boardId":1,"writerId":1,"createdAt":"2025-05-25T02:36:02.746755","modifiedAt":"2025-05-25T02:36:02.746771","boardArticleCount":7}})";

} // namespace

TEST_CASE("the reference's ARTICLE_CREATED decodes with exact ids and times") {
  auto ev = decode_ok(article_created_iso);
  CHECK(ev.type == event_type::article_created);
  CHECK(ev.id == event_id{184721186232410112});
  CHECK(ev.article == article_id{184721186211950592});
  CHECK(ev.board == board_id{1});
  CHECK(ev.title == "hi");
  CHECK(ev.created_at.to_iso() == "2025-05-25T02:36:02.746755");
  CHECK(ev.created_at.date().to_string() == "20250525");
  // 2025-05-24T17:36:02.751Z
  CHECK(ev.time().time_since_epoch().count() == 1748108162751);
}

TEST_CASE("every event type decodes from ISO dates and Jackson arrays") {
  struct sample {
    std::string type;
    std::string payload_iso;
    std::string payload_array;
  };
  const std::string article_fields
    = R"("articleId":184721186211950592,"title":"t","content":"c","boardId":3,"writerId":9,)";
  const std::string iso_dates
    = R"("createdAt":"2024-10-01T12:34:56.746755","modifiedAt":"2024-10-01T12:34:56")";
  const std::string array_dates
    = R"("createdAt":[2024,10,1,12,34,56,746755000],"modifiedAt":[2024,10,1,12,34,56])";
  std::vector<sample> samples{
    {"ARTICLE_CREATED",
     article_fields + iso_dates + R"(,"boardArticleCount":7)",
     article_fields + array_dates + R"(,"boardArticleCount":7)"},
    {"ARTICLE_UPDATED", article_fields + iso_dates,
     article_fields + array_dates},
    {"ARTICLE_DELETED",
     article_fields + iso_dates + R"(,"boardArticleCount":6)",
     article_fields + array_dates + R"(,"boardArticleCount":6)"},
    {"COMMENT_CREATED",
     R"("commentId":5,"content":"c","path":"00a0z","articleId":184721186211950592,"writerId":2,"deleted":false,"createdAt":"2024-10-01T12:40:00","articleCommentCount":4)",
     R"("commentId":5,"content":"c","path":"00a0z","articleId":184721186211950592,"writerId":2,"deleted":false,"createdAt":[2024,10,1,12,40],"articleCommentCount":4)"},
    {"COMMENT_DELETED",
     R"("commentId":5,"content":"c","path":"00a0z","articleId":184721186211950592,"writerId":2,"deleted":true,"createdAt":"2024-10-01T12:40:00","articleCommentCount":3)",
     R"("commentId":5,"content":"c","path":"00a0z","articleId":184721186211950592,"writerId":2,"deleted":true,"createdAt":[2024,10,1,12,40],"articleCommentCount":3)"},
    {"ARTICLE_LIKED",
     R"("articleLikeId":11,"articleId":184721186211950592,"userId":8,"createdAt":"2024-10-01T13:00:01.5","articleLikeCount":12)",
     R"("articleLikeId":11,"articleId":184721186211950592,"userId":8,"createdAt":[2024,10,1,13,0,1,500000000],"articleLikeCount":12)"},
    {"ARTICLE_UNLIKED",
     R"("articleLikeId":11,"articleId":184721186211950592,"userId":8,"createdAt":"2024-10-01T13:00:01","articleLikeCount":11)",
     R"("articleLikeId":11,"articleId":184721186211950592,"userId":8,"createdAt":[2024,10,1,13,0,1],"articleLikeCount":11)"},
    {"ARTICLE_VIEWED",
     R"("articleId":184721186211950592,"articleViewCount":300)",
     R"("articleId":184721186211950592,"articleViewCount":300)"},
  };
  for (const auto& s : samples) {
    for (const auto* payload : {&s.payload_iso, &s.payload_array}) {
      auto json = R"({"eventId":184721186232410112,"type":")" + s.type
                  + R"(","payload":{)" + *payload + "}}";
      auto ev = decode_ok(json);
      CHECK(wire_name(ev.type) == s.type);
      CHECK(ev.article == article_id{184721186211950592});
      if (is_article_event(ev.type)) {
        CHECK(ev.title == "t");
        CHECK(ev.board == board_id{3});
        CHECK(ev.created_at.to_iso() == "2024-10-01T12:34:56.746755");
      }
    }
  }
  CHECK(
    decode_ok(
      R"({"eventId":1,"type":"COMMENT_CREATED","payload":{"articleId":2,"articleCommentCount":4}})")
      .count
    == 4);
  CHECK(
    decode_ok(
      R"({"eventId":1,"type":"ARTICLE_UNLIKED","payload":{"articleId":2,"articleLikeCount":0}})")
      .count
    == 0);
  CHECK(
    decode_ok(
      R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":300}})")
      .count
    == 300);
}

TEST_CASE("Jackson arrays drop trailing seconds and nanos") {
  auto with_date = [](const std::string& date) {
    return R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1,"createdAt":)"
           + date + "}}";
  };
  CHECK(decode_ok(with_date("[2024,10,1,12,34]")).created_at.to_iso()
        == "2024-10-01T12:34:00");
  CHECK(decode_ok(with_date("[2024,10,1,12,34,5]")).created_at.to_iso()
        == "2024-10-01T12:34:05");
  CHECK(decode_ok(with_date("[2024,10,1,12,34,0,1000]")).created_at.to_iso()
        == "2024-10-01T12:34:00.000001");
  CHECK(decode_ok(with_date(R"("2024-10-01T12:34")")).created_at.to_iso()
        == "2024-10-01T12:34:00");
  CHECK(decode_ok(with_date(R"("2024-02-29T23:59:59.999999999")"))
          .created_at.to_iso()
        == "2024-02-29T23:59:59.999999999");
}

TEST_CASE("field order is free and unknown fields are ignored") {
  auto ev = decode_ok(
    R"({"payload":{"extra":{"deep":[1,{"x":null}]},"articleLikeCount":5,"articleId":77,"createdAt":"bogus but unused here?"},"schema":2,"type":"ARTICLE_LIKED","eventId":42})");
  CHECK(ev.type == event_type::article_liked);
  CHECK(ev.id == event_id{42});
  CHECK(ev.article == article_id{77});
  CHECK(ev.count == 5);
}

TEST_CASE("int64 ids above 2^53 stay exact") {
  auto ev = decode_ok(
    R"({"eventId":9223372036854775807,"type":"ARTICLE_VIEWED","payload":{"articleId":9007199254740993,"articleViewCount":9007199254740995}})");
  CHECK(ev.id.value() == 9223372036854775807);
  CHECK(ev.article.value() == 9007199254740993);
  CHECK(ev.count == 9007199254740995);
}

TEST_CASE("titles keep their unicode and escapes") {
  auto ev = decode_ok(
    R"({"eventId":1,"type":"ARTICLE_UPDATED","payload":{"articleId":2,"title":"\"\uD55C\uAE00\" \\ tab\t","boardId":1,"createdAt":"2024-10-01T00:00:00"}})");
  CHECK(ev.title == "\"\xED\x95\x9C\xEA\xB8\x80\" \\ tab\t");
}

TEST_CASE("malformed JSON is reported, never thrown") {
  for (
    std::string bad : {
      "",
      " ",
      "{",
      "not json",
      R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3})",
      R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3}}} )",
      R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3}} trailing)",
      R"({"eventId":1,,"type":"ARTICLE_VIEWED"})",
      R"({"eventId":12abc,"type":"ARTICLE_VIEWED","payload":{}})",
      R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3,}})",
      R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3}}{"eventId":2})",
      "[1,2,3]",
      "42",
      R"("just a string")",
      "null",
    }) {
    CHECK(decode_failure(bad) == decode_errc::malformed_json);
  }
}

TEST_CASE("binary garbage is malformed JSON") {
  std::string garbage;
  for (int i = 0; i < 4096; ++i)
    garbage += static_cast<char>((i * 7919 + 13) % 256);
  CHECK(decode_failure(garbage) == decode_errc::malformed_json);
  std::string with_nul = std::string{R"({"eventId":1,"type":"AR)"} + '\0'
                         + R"(TICLE_VIEWED"})";
  CHECK(decode_failure(with_nul) == decode_errc::malformed_json);
  std::string bad_utf8 = "{\"eventId\":1,\"type\":\"\xff\xfe\"}";
  CHECK(decode_failure(bad_utf8) == decode_errc::malformed_json);
}

TEST_CASE("deeply nested JSON never exhausts the stack") {
  constexpr int depth = 100000;
  std::string open(depth, '[');
  std::string close(depth, ']');
  const std::string prefix
    = R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3,)";
  SECTION("inside an unknown field it is skipped like any unknown field") {
    CHECK(decode_ok(prefix + R"("x":)" + open + close + "}}").count == 3);
  }
  SECTION("unbalanced, it is malformed") {
    CHECK(decode_failure(prefix + R"("x":)" + open + "}}")
          == decode_errc::malformed_json);
  }
  SECTION("as the whole message, it is malformed") {
    CHECK(decode_failure(open + close) == decode_errc::malformed_json);
  }
  SECTION("in place of a field the event needs, it is the wrong type") {
    CHECK(
      decode_failure(
        R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":)"
        + open + close + "}}")
      == decode_errc::wrong_type);
  }
}

TEST_CASE("1 MB strings decode in full or fail cleanly") {
  std::string big(1 << 20, 'a');
  SECTION("as a title") {
    auto ev = decode_ok(
      R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":")"
      + big + R"(","boardId":1,"createdAt":"2024-10-01T00:00:00"}})");
    CHECK(ev.title.size() == big.size());
  }
  SECTION("as an unknown type name, shortened in the error") {
    auto json = R"({"eventId":1,"type":")" + big + R"(","payload":{}})";
    CHECK(decode_failure(json) == decode_errc::unknown_type);
    CHECK(describe_failure(json).size() < 200);
  }
  SECTION("as an unterminated string") {
    CHECK(decode_failure(R"({"eventId":1,"type":")" + big)
          == decode_errc::malformed_json);
  }
}

TEST_CASE("an unknown event type is its own error") {
  CHECK(decode_failure(
          R"({"eventId":1,"type":"ARTICLE_PINNED","payload":{"articleId":2}})")
        == decode_errc::unknown_type);
  CHECK(describe_failure(R"({"eventId":1,"type":"article_liked","payload":{}})")
        == "unknown_type: article_liked");
}

TEST_CASE("missing fields name the field") {
  CHECK(
    describe_failure(
      R"({"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3}})")
    == "missing_field: eventId");
  CHECK(describe_failure(R"({"eventId":1,"payload":{"articleId":2}})")
        == "missing_field: type");
  CHECK(describe_failure(R"({"eventId":1,"type":"ARTICLE_VIEWED"})")
        == "missing_field: payload");
  CHECK(
    describe_failure(
      R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleViewCount":3}})")
    == "missing_field: payload.articleId");
  CHECK(
    describe_failure(
      R"({"eventId":1,"type":"ARTICLE_LIKED","payload":{"articleId":2,"articleViewCount":3}})")
    == "missing_field: payload.articleLikeCount");
  CHECK(describe_failure(
          R"({"eventId":1,"type":"COMMENT_DELETED","payload":{"articleId":2}})")
        == "missing_field: payload.articleCommentCount");
  CHECK(
    describe_failure(
      R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1}})")
    == "missing_field: payload.createdAt");
  CHECK(
    describe_failure(
      R"({"eventId":1,"type":"ARTICLE_UPDATED","payload":{"articleId":2,"boardId":1,"createdAt":"2024-10-01T00:00:00"}})")
    == "missing_field: payload.title");
}

TEST_CASE("a delete needs only the article id and its creation date") {
  auto ev = decode_ok(
    R"({"eventId":5,"type":"ARTICLE_DELETED","payload":{"articleId":2,"createdAt":[2024,10,1,0,0]}})");
  CHECK(ev.type == event_type::article_deleted);
  CHECK(ev.created_at.date().to_string() == "20241001");
}

TEST_CASE("wrong types are reported with what was expected") {
  CHECK(
    decode_failure(
      R"({"eventId":"1","type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3}})")
    == decode_errc::wrong_type);
  CHECK(
    decode_failure(
      R"({"eventId":1.5,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3}})")
    == decode_errc::wrong_type);
  CHECK(decode_failure(R"({"eventId":1,"type":7,"payload":{}})")
        == decode_errc::wrong_type);
  CHECK(decode_failure(R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":[1]})")
        == decode_errc::wrong_type);
  CHECK(
    describe_failure(
      R"({"eventId":1,"type":"ARTICLE_LIKED","payload":{"articleId":2,"articleLikeCount":null}})")
    == "wrong_type: payload.articleLikeCount must be an integer");
  CHECK(
    decode_failure(
      R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":null,"boardId":1,"createdAt":"2024-10-01T00:00:00"}})")
    == decode_errc::wrong_type);
  CHECK(
    decode_failure(
      R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1,"createdAt":20241001}})")
    == decode_errc::wrong_type);
  CHECK(
    decode_failure(
      R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1,"createdAt":"01.10.2024 00:00"}})")
    == decode_errc::wrong_type);
  CHECK(
    decode_failure(
      R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1,"createdAt":[2024,10,1]}})")
    == decode_errc::wrong_type);
  CHECK(
    decode_failure(
      R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1,"createdAt":[2024,10,1,0,0,"0"]}})")
    == decode_errc::wrong_type);
}

TEST_CASE("a field the type does not use may have any type") {
  auto ev = decode_ok(
    R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3,"title":5,"createdAt":{},"articleLikeCount":"x"}})");
  CHECK(ev.count == 3);
}

TEST_CASE("values out of range are their own error") {
  CHECK(
    decode_failure(
      R"({"eventId":9223372036854775808,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3}})")
    == decode_errc::out_of_range);
  CHECK(
    decode_failure(
      R"({"eventId":0,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3}})")
    == decode_errc::out_of_range);
  CHECK(
    decode_failure(
      R"({"eventId":-5,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3}})")
    == decode_errc::out_of_range);
  CHECK(
    describe_failure(
      R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":-2,"articleViewCount":3}})")
    == "out_of_range: payload.articleId must be positive, got -2");
  CHECK(
    decode_failure(
      R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1,"createdAt":"2024-13-01T00:00:00"}})")
    == decode_errc::out_of_range);
  CHECK(
    decode_failure(
      R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1,"createdAt":"2025-02-29T00:00:00"}})")
    == decode_errc::out_of_range);
  CHECK(
    decode_failure(
      R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1,"createdAt":[2024,4,31,0,0]}})")
    == decode_errc::out_of_range);
  CHECK(
    decode_failure(
      R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1,"createdAt":[2024,10,1,24,0]}})")
    == decode_errc::out_of_range);
  CHECK(
    decode_failure(
      R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1,"createdAt":[2024,10,1,0,0,0,1000000000]}})")
    == decode_errc::out_of_range);
  CHECK(
    decode_failure(
      R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":99999999999999999999}})")
    == decode_errc::out_of_range);
}

TEST_CASE("negative counts are rejected") {
  for (
    std::string json : {
      R"({"eventId":1,"type":"ARTICLE_LIKED","payload":{"articleId":2,"articleLikeCount":-1}})",
      R"({"eventId":1,"type":"COMMENT_CREATED","payload":{"articleId":2,"articleCommentCount":-3}})",
      R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":-100}})",
    }) {
    CHECK(decode_failure(json) == decode_errc::negative_count);
  }
}

TEST_CASE("a document naming a field twice is refused, not half-read") {
  // Jackson keeps the last duplicate, a forward walk the first: neither
  // reading is safe, so neither is taken.
  for (
    std::string json : {
      R"({"eventId":1,"type":"ARTICLE_LIKED","payload":{"articleId":2,"articleLikeCount":3},"payload":{"articleLikeCount":9}})",
      R"({"eventId":1,"eventId":5,"type":"ARTICLE_LIKED","payload":{"articleId":2,"articleLikeCount":3}})",
      R"({"eventId":1,"type":"ARTICLE_LIKED","payload":{"articleId":2,"articleLikeCount":3,"articleLikeCount":4}})",
      R"({"eventId":1,"type":"ARTICLE_LIKED","payload":{"articleId":2,"article\u0049d":7,"articleLikeCount":4}})",
    }) {
    CHECK(decode_failure(json) == decode_errc::malformed_json);
    CHECK_THAT(describe_failure(json), Catch::Contains("appears twice"));
  }
}

TEST_CASE("one decoder decodes many messages, good after bad") {
  event_decoder decoder;
  CHECK_FALSE(decoder.decode("{"));
  auto ok = decoder.decode(article_created_iso);
  REQUIRE(ok);
  CHECK(ok->title == "hi");
  CHECK_FALSE(decoder.decode(std::string(1 << 16, '{')));
  CHECK(decoder.decode(article_created_iso));
}

TEST_CASE("encoded events decode to the same event in both date styles") {
  event ev;
  ev.id = event_id{184721186232410112};
  ev.type = event_type::article_created;
  ev.article = article_id{184721186211950592};
  ev.board = board_id{3};
  ev.title = "quote \" backslash \\ newline \n \xED\x95\x9C";
  REQUIRE(parse_iso_local_datetime("2025-05-25T02:36:02.000746", ev.created_at)
          == datetime_problem::none);
  event_decoder decoder;
  for (auto style : {date_style::iso, date_style::jackson_array}) {
    for (auto type : {event_type::article_created, event_type::article_updated,
                      event_type::article_deleted}) {
      ev.type = type;
      auto back = decoder.decode(encode_event(ev, style));
      REQUIRE(back);
      CHECK(back->type == type);
      CHECK(back->title == ev.title);
      CHECK(back->created_at == ev.created_at);
      CHECK(back->board == ev.board);
    }
  }
  ev.title.clear();
  for (auto type : {event_type::comment_created, event_type::comment_deleted,
                    event_type::article_liked, event_type::article_unliked,
                    event_type::article_viewed}) {
    ev.type = type;
    ev.count = 41;
    auto back = decoder.decode(encode_event(ev, date_style::jackson_array));
    REQUIRE(back);
    CHECK(back->type == type);
    CHECK(back->count == 41);
    CHECK(back->article == ev.article);
    CHECK(back->id == ev.id);
  }
}

TEST_CASE("the messages say what is wrong and echo the value") {
  SECTION("text after a whole document") {
    CHECK(
      describe_failure(
        R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3}} trailing)")
      == "malformed_json: text follows the JSON document: 'trailing'");
    CHECK_THAT(
      describe_failure(
        R"({"eventId":1,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3}}{"eventId":2})"),
      Catch::StartsWith("malformed_json: text follows the JSON document"));
  }
  SECTION("a document cut short is still said to be") {
    CHECK_THAT(describe_failure(R"({"eventId":1,"type":"ARTICLE_VIEWED")"),
               !Catch::Contains("text follows"));
  }
  SECTION("a date-time string in another format") {
    CHECK(
      describe_failure(
        R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1,"createdAt":"2026-12-07 12:00:00"}})")
      == "wrong_type: payload.createdAt is a string but not an ISO "
         "date-time: \"2026-12-07 12:00:00\" (expected e.g. "
         "\"2026-12-07T12:00:00\")");
  }
  SECTION("a date-time out of range") {
    CHECK(
      describe_failure(
        R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1,"createdAt":"2026-13-07T12:00:00"}})")
      == "out_of_range: payload.createdAt is out of range: "
         "2026-13-07T12:00:00");
    CHECK(
      describe_failure(
        R"({"eventId":1,"type":"ARTICLE_CREATED","payload":{"articleId":2,"title":"x","boardId":1,"createdAt":[2026,13,7,12,0]}})")
      == "out_of_range: payload.createdAt is out of range: [2026,13,7,12,0]");
  }
  SECTION("a number out of range") {
    CHECK(
      describe_failure(
        R"({"eventId":9223372036854775808,"type":"ARTICLE_VIEWED","payload":{"articleId":2,"articleViewCount":3}})")
      == "out_of_range: eventId is out of range: 9223372036854775808");
  }
}
