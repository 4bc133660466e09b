// The day ranking under CAF's deterministic test scheduler: when it writes,
// and what, against a stand-in writer that records every request.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <optional>
#include <set>

#include <caf/all.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include "actors/ranking/day_ranking.hpp"

using namespace hot;
using namespace std::chrono_literals;

namespace {

using written_lists = std::shared_ptr<std::vector<list_snapshot>>;

/// Acknowledgements of list writes the stand-in writer keeps back while
/// `hold` is set, so a test can tell "written" from "stored". They go out
/// when the writer gets `retry_atom`, as a real one's are once Redis is
/// back.
struct held_acks {
  bool hold = false;
  /// Writes fail while set, as they do while Redis is down.
  bool fail = false;
  std::vector<caf::typed_response_promise<caf::ok_atom>> promises;
};

redis_writer_actor::behavior_type
recording_writer(redis_writer_actor::pointer self, written_lists written,
                 std::shared_ptr<held_acks> acks) {
  return {
    [](claim_atom, int64_t) { return partition_claim{}; },
    [](hold_atom) {},
    [](publish_atom) {},
    [](fenced_atom) { return uint64_t{0}; },
    [=](list_snapshot& s) -> caf::result<caf::ok_atom> {
      written->push_back(std::move(s));
      if (acks->fail)
        return caf::make_error(caf::sec::runtime_error);
      if (!acks->hold)
        return caf::ok_atom_v;
      acks->promises.push_back(self->make_response_promise<caf::ok_atom>());
      return acks->promises.back();
    },
    [](sealed_edit&) { return caf::ok_atom_v; },
    [](caf::put_atom, sealed_atom, day_key) { return caf::ok_atom_v; },
    [](barrier_atom) { return caf::ok_atom_v; },
    [=](retry_atom) {
      acks->hold = false;
      for (auto& p : acks->promises)
        p.deliver(caf::ok_atom_v);
      acks->promises.clear();
    },
    [](tick_atom) {},
    [](stats_atom) { return std::vector<actor_stats>{}; },
  };
}

/// What the stand-in shard answers for each board when asked.
using shard_boards = std::shared_ptr<std::map<int64_t, board_top>>;

shard_actor::behavior_type board_shard(shard_actor::pointer,
                                       shard_boards boards) {
  return {
    [](event_batch&) { return batch_outcome{}; },
    [](seal_atom, day_key, uint32_t) { return shard_final{}; },
    [](barrier_atom) { return caf::ok_atom_v; },
    [=](boards_atom, day_key, const std::vector<board_id>& asked) {
      std::vector<board_top> out;
      for (auto id : asked)
        if (auto it = boards->find(id.value()); it != boards->end())
          out.push_back(it->second);
      return out;
    },
    [](caf::get_atom, article_id) { return article_view{}; },
    [](caf::get_atom, day_key day, uint32_t) {
      return shard_top{0, day, {}};
    },
    [](stats_atom) { return actor_stats{}; },
  };
}

ranked_article entry(int64_t id, int64_t score) {
  ranked_article a;
  a.id = article_id{id};
  a.score = score;
  a.title = "t" + std::to_string(id);
  return a;
}

// A class-based helper: CAF 0.17's function-actor factory dereferences an
// empty argument tuple, which UBSan reports.
class asker : public caf::event_based_actor {
public:
  asker(caf::actor_config& cfg, std::function<void(caf::event_based_actor*)> f)
    : caf::event_based_actor(cfg), start_(std::move(f)) {
  }

  caf::behavior make_behavior() override {
    start_(this);
    return {[](const std::string&) {}};
  }

private:
  std::function<void(caf::event_based_actor*)> start_;
};

struct ranking_fixture {
  caf::actor_system_config config;
  std::optional<caf::actor_system> system;
  caf::scheduler::test_coordinator* scheduler = nullptr;
  written_lists written = std::make_shared<std::vector<list_snapshot>>();
  std::shared_ptr<held_acks> acks = std::make_shared<held_acks>();
  day_key day = *day_key::parse("20250525");
  shard_boards boards = std::make_shared<std::map<int64_t, board_top>>();
  redis_writer_actor writer;
  day_ranking_actor ranking;

  ranking_fixture() {
    config.set("scheduler.policy", caf::atom("testing"));
    system.emplace(config);
    scheduler
      = &dynamic_cast<caf::scheduler::test_coordinator&>(system->scheduler());
    ranking_settings settings;
    settings.list_size = 2;
    settings.reserve_size = 1;
    settings.flush_interval = 100ms;
    settings.board_flush_interval = 1s;
    writer = system->spawn(recording_writer, written, acks);
    std::vector<shard_actor> shards{system->spawn(board_shard, boards)};
    ranking = system->spawn(day_ranking, day, settings, writer, shards,
                            std::string{});
    scheduler->run();
  }

  ~ranking_fixture() {
    caf::anon_send_exit(ranking, caf::exit_reason::kill);
    scheduler->run();
  }

  void top(uint32_t shard, std::vector<ranked_article> entries) {
    caf::anon_send(ranking, shard_top{shard, day, std::move(entries)});
    scheduler->run();
  }

  // The stand-in shard now holds `entries` of `board`, and says so.
  void board(int64_t board, std::vector<ranked_article> entries,
             uint32_t live) {
    (*boards)[board] = board_top{0, day, board_id{board}, std::move(entries),
                                 live};
    caf::anon_send(ranking, board_changes{0, day, {board_id{board}}});
    scheduler->run();
  }

  // The boards of the last write, as "board=id:score ...(live)".
  std::string boards_written() const {
    std::string out;
    for (const auto& b : written->back().boards) {
      out += std::to_string(b.board.value()) + "=";
      for (const auto& a : b.top)
        out += std::to_string(a.id.value()) + ":" + std::to_string(a.score)
               + " ";
      out += "(" + std::to_string(b.live) + ") ";
    }
    return out;
  }

  void advance(std::chrono::milliseconds by) {
    scheduler->advance_time(by);
    scheduler->run();
  }

  std::string last_written() const {
    std::string out;
    for (const auto& a : written->back().top)
      out += std::to_string(a.id.value()) + ":" + std::to_string(a.score) + " ";
    return out;
  }

  // Sends a request from a helper actor; true once the answer arrived.
  template <class... Ts>
  std::shared_ptr<bool> ask(Ts... xs) {
    auto answered = std::make_shared<bool>(false);
    auto target = ranking;
    system->spawn<asker>([=](caf::event_based_actor* self) {
      self->request(target, caf::infinite, xs...).then([=](caf::ok_atom) {
        *answered = true;
        self->quit();
      });
    });
    scheduler->run();
    return answered;
  }
};

} // namespace

TEST_CASE_METHOD(ranking_fixture,
                 "the first change is written at once, later ones at most "
                 "once per interval") {
  top(0, {entry(1, 5)});
  REQUIRE(written->size() == 1);
  CHECK(last_written() == "1:5 ");
  top(0, {entry(1, 6)});
  top(1, {entry(2, 9)});
  CHECK(written->size() == 1);
  advance(100ms);
  REQUIRE(written->size() == 2);
  CHECK(last_written() == "2:9 1:6 ");
  CHECK_FALSE(written->back().final);
  advance(100ms);
  CHECK(written->size() == 2);
}

TEST_CASE_METHOD(ranking_fixture, "an unchanged list is never written") {
  top(0, {entry(1, 5), entry(3, 1)});
  REQUIRE(written->size() == 1);
  // Shard 0 moves an article below the list: the list itself is the same.
  top(0, {entry(1, 5), entry(3, 1), entry(2, 1)});
  top(1, {});
  advance(500ms);
  CHECK(written->size() == 1);
}

TEST_CASE_METHOD(ranking_fixture,
                 "a barrier writes at once and answers once stored") {
  top(0, {entry(1, 5)});
  top(0, {entry(1, 7)});
  REQUIRE(written->size() == 1);
  acks->hold = true;
  auto answered = ask(flush_atom_v);
  REQUIRE(written->size() == 2);
  CHECK(last_written() == "1:7 ");
  CHECK_FALSE(*answered);
  REQUIRE(acks->promises.size() == 1);
  caf::anon_send(writer, retry_atom_v);
  scheduler->run();
  CHECK(*answered);
  SECTION("with nothing new it answers without writing") {
    CHECK(*ask(flush_atom_v));
    CHECK(written->size() == 2);
  }
}

TEST_CASE_METHOD(ranking_fixture,
                 "sealing writes the final list with its reserve, and "
                 "nothing after") {
  top(0, {entry(1, 5)});
  top(0, {entry(1, 8)}); // pending behind the interval
  std::vector<shard_final> finals{
    shard_final{shard_top{0, day, {entry(1, 8), entry(5, 2)}}, {}},
    shard_final{shard_top{1, day, {entry(2, 9), entry(6, 1)}}, {}},
  };
  auto answered = ask(seal_atom_v, finals);
  CHECK(*answered);
  REQUIRE(written->back().final);
  CHECK(last_written() == "2:9 1:8 ");
  REQUIRE(written->back().reserve.size() == 1);
  CHECK(written->back().reserve[0].id.value() == 5);
  auto writes = written->size();
  advance(1s);
  CHECK(written->size() == writes);
}

TEST_CASE_METHOD(ranking_fixture,
                 "changed boards are asked from the shards and written at "
                 "most once per board interval") {
  board(7, {entry(1, 5)}, 1);
  REQUIRE(written->size() == 1);
  CHECK(boards_written() == "7=1:5 (1) ");
  board(7, {entry(1, 6)}, 1);
  board(8, {entry(2, 4)}, 2);
  advance(500ms);
  CHECK(written->size() == 1);
  advance(600ms);
  REQUIRE(written->size() == 2);
  CHECK(boards_written() == "7=1:6 (1) 8=2:4 (2) ");
}

TEST_CASE_METHOD(ranking_fixture,
                 "a board named changed whose list is as written is not "
                 "written again") {
  board(7, {entry(1, 5)}, 1);
  REQUIRE(written->size() == 1);
  board(7, {entry(1, 5)}, 1);
  advance(2s);
  CHECK(written->size() == 1);
  SECTION("its live count alone makes it change") {
    board(7, {entry(1, 5)}, 3);
    advance(1s);
    REQUIRE(written->size() == 2);
    CHECK(boards_written() == "7=1:5 (3) ");
  }
}

TEST_CASE_METHOD(ranking_fixture,
                 "a board that is empty when first taken is written, to "
                 "clear what a former owner left") {
  board(9, {}, 0);
  REQUIRE(written->size() == 1);
  CHECK(boards_written() == "9=(0) ");
}

TEST_CASE_METHOD(ranking_fixture,
                 "a barrier writes the changed boards at once") {
  board(7, {entry(1, 5)}, 1);
  board(7, {entry(1, 9)}, 1);
  REQUIRE(written->size() == 1);
  auto answered = ask(flush_atom_v);
  CHECK(*answered);
  REQUIRE(written->size() == 2);
  CHECK(boards_written() == "7=1:9 (1) ");
}

TEST_CASE_METHOD(ranking_fixture,
                 "boards whose write failed go again with the next one") {
  board(7, {entry(1, 5)}, 1);
  REQUIRE(written->size() == 1);
  acks->fail = true;
  board(7, {entry(1, 6)}, 1);
  advance(1s);
  REQUIRE(written->size() == 2);
  acks->fail = false;
  advance(1s);
  REQUIRE(written->size() == 3);
  CHECK(boards_written() == "7=1:6 (1) ");
}

TEST_CASE_METHOD(ranking_fixture,
                 "many changed boards go in bounded writes, one after the "
                 "other") {
  board(1, {entry(1, 5)}, 1);
  REQUIRE(written->size() == 1);
  board_changes changes{0, day, {}};
  for (int64_t b = 100; b < 399; ++b) {
    (*boards)[b] = board_top{0, day, board_id{b}, {entry(b, 1)}, 1};
    changes.boards.push_back(board_id{b});
  }
  caf::anon_send(ranking, changes);
  scheduler->run();
  CHECK(written->size() == 1);
  advance(1s);
  REQUIRE(written->size() == 4);
  std::set<int64_t> seen;
  for (size_t i = 1; i < written->size(); ++i) {
    CHECK((*written)[i].boards.size() <= 128);
    for (const auto& b : (*written)[i].boards)
      seen.insert(b.board.value());
  }
  CHECK(seen.size() == 299);
  CHECK(*seen.begin() == 100);
  CHECK(*seen.rbegin() == 398);
}
