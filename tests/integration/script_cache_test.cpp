// Scripts run by their SHA-1 against a real redis-server: the SHA-1 is the
// one Redis names each body by, and a pipeline whose scripts Redis lost
// (never had, SCRIPT FLUSH) is sent again in order, fences included.
#include <catch2/catch.hpp>

#include <set>

#include "actors/redis/board_store.hpp"
#include "actors/redis/list_store.hpp"
#include "actors/redis/lua_script.hpp"
#include "actors/redis/partial_store.hpp"
#include "app/error_text.hpp"
#include "tests/support/board_seed.hpp"
#include "tests/support/redis_server.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

ranked_article entry(int64_t id, int64_t score) {
  return test::seeded_article(id, score, "t");
}

std::string text_of(const redisReply& reply) {
  return std::string{reply.str, reply.len};
}

struct script_fixture {
  test::redis_server redis;
  redis_connection conn = redis.connect();
  // One partition, so the served list is its partial.
  partial_layout layout{1, 3, 3};
  day_key day = *day_key::parse("20250525");

  redis_command write(uint64_t epoch, std::vector<ranked_article> entries) {
    return partial_write_command(layout, day, 0, epoch, entries, 3600s);
  }

  redis_command remove(int64_t id, uint64_t epoch) {
    return partial_edit_command(
      layout, sealed_edit{day, article_id{id}, edit_kind::remove, {}, {}}, 0,
      epoch, 3600s);
  }

  std::vector<redis_reply> run(const std::vector<redis_command>& pipeline) {
    for (const auto& command : pipeline)
      conn.append(command);
    auto replies = conn.exchange();
    if (!replies)
      FAIL(describe_error(replies.error()));
    REQUIRE(replies->size() == pipeline.size());
    return std::move(*replies);
  }

  // The reply of a fenced script: applied, or refused for this epoch.
  std::pair<bool, uint64_t> fence_of(const redisReply& reply) {
    auto outcome = parse_fenced(reply);
    if (!outcome)
      FAIL(describe_error(outcome.error()));
    return {outcome->applied, outcome->epoch};
  }

  std::vector<std::string> listed() {
    std::vector<std::string> out;
    for (const auto& [member, score] : redis.zset(list_key(day)))
      out.push_back(member + ":" + std::to_string(score));
    return out;
  }

  bool cached(const std::string& sha1) {
    auto reply = conn.call({"SCRIPT", "EXISTS", sha1});
    REQUIRE(reply);
    return (*reply)->elements == 1 && (*reply)->element[0]->integer == 1;
  }
};

} // namespace

TEST_CASE_METHOD(script_fixture,
                 "Redis loads every script under the SHA-1 it is called by",
                 "[integration]") {
  sealed_edit edit{day, article_id{2}, edit_kind::remove, {}, {}};
  board_snapshot board{board_id{7}, {entry(1, 9)}, {}, 1};
  std::vector<redis_command> calls{write(1, {entry(1, 9)}),
                                   remove(2, 1),
                                   partial_seal_command(layout, day, 0, 1),
                                   claim_command(0, 1, 2),
                                   fence_command(0, 1),
                                   board_write_command(layout, day, 0, 1, board,
                                                       3600s),
                                   sealed_edit_command(edit, 3)};
  std::set<std::string> scripts;
  for (const auto& call : calls) {
    REQUIRE(call.at(0) == "EVALSHA");
    const auto* body = lua_script::body_of(call.at(1));
    REQUIRE(body != nullptr);
    auto loaded = conn.call({"SCRIPT", "LOAD", *body});
    REQUIRE(loaded);
    CHECK(text_of(**loaded) == call.at(1));
    scripts.insert(call.at(1));
  }
  // The partial's write, edit and seal are modes of one script.
  CHECK(scripts.size() == 5);
}

TEST_CASE_METHOD(script_fixture,
                 "scripts Redis lost are sent again, in the pipeline's order",
                 "[integration]") {
  SECTION("Redis never had them") {
    auto replies = run({write(1, {entry(1, 9)}), write(1, {entry(2, 8)})});
    CHECK(fence_of(*replies[0]) == std::pair{true, uint64_t{1}});
    CHECK(fence_of(*replies[1]) == std::pair{true, uint64_t{1}});
    CHECK(listed() == std::vector<std::string>{"2:8"});
    // Sent with its body once, it is cached for the next calls.
    CHECK(cached(write(1, {}).at(1)));
  }
  SECTION("a SCRIPT FLUSH in the middle of a pipeline") {
    run({write(1, {entry(1, 9)})});
    auto replies = run({write(1, {entry(1, 9), entry(3, 7)}),
                        {"SCRIPT", "FLUSH"},
                        write(1, {entry(2, 8), entry(4, 6)}),
                        remove(2, 1)});
    CHECK(fence_of(*replies[0]).first);
    CHECK(replies[1]->type == REDIS_REPLY_STATUS);
    CHECK(fence_of(*replies[2]).first);
    CHECK(fence_of(*replies[3]).first);
    // The edit ran after the write it follows.
    CHECK(listed() == std::vector<std::string>{"4:6"});
  }
  SECTION("another client loads a script in the middle of a pipeline") {
    // The first write finds no script, the second does: it ran first, so
    // both run again in order and the later write stands.
    const auto* body = lua_script::body_of(write(1, {}).at(1));
    REQUIRE(body != nullptr);
    auto replies = run({write(1, {entry(1, 9)}),
                        {"SCRIPT", "LOAD", *body},
                        write(1, {entry(2, 8)}),
                        {"GET", epoch_key(0)}});
    CHECK(fence_of(*replies[0]).first);
    CHECK(text_of(*replies[1]) == write(1, {}).at(1));
    CHECK(fence_of(*replies[2]).first);
    CHECK(text_of(*replies[3]) == "1");
    CHECK(listed() == std::vector<std::string>{"2:8"});
  }
}

TEST_CASE_METHOD(script_fixture,
                 "a write refused for its epoch is still refused after Redis "
                 "lost the scripts",
                 "[integration]") {
  run({write(5, {entry(1, 9)})});
  REQUIRE(conn.call({"SCRIPT", "FLUSH"}));
  auto replies = run({write(4, {entry(2, 8)}), remove(1, 4),
                      fence_command(0, 4), write(5, {entry(3, 7)})});
  CHECK(fence_of(*replies[0]) == std::pair{false, uint64_t{5}});
  CHECK(fence_of(*replies[1]) == std::pair{false, uint64_t{5}});
  CHECK(fence_of(*replies[2]) == std::pair{false, uint64_t{5}});
  CHECK(fence_of(*replies[3]) == std::pair{true, uint64_t{5}});
  CHECK(listed() == std::vector<std::string>{"3:7"});
  CHECK(redis.get(epoch_key(0)) == "5");
}

TEST_CASE_METHOD(script_fixture,
                 "an EVALSHA of a script this process never made answers "
                 "NOSCRIPT",
                 "[integration]") {
  auto reply = conn.call({"EVALSHA", std::string(40, '0'), "0"});
  REQUIRE_FALSE(reply);
  CHECK(reply.error() == redis_errc::reply);
  CHECK(describe_error(reply.error()).find("NOSCRIPT") != std::string::npos);
}
