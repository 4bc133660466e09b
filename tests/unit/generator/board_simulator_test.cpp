// The board simulator: deterministic, consistent counts, plausible traffic.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

#include "app/generator/board_simulator.hpp"
#include "messages/event_decoder.hpp"

using namespace hot;
using namespace hot::gen;

namespace {

day_calendar seoul() {
  return std::move(*day_calendar::make("Asia/Seoul", {}));
}

/// 2025-05-25T15:30:00Z: 00:30 on the 26th in Seoul.
constexpr int64_t base_ms = 1748187000000;

/// Three events per millisecond, from `base_ms` on.
instant clock_for(size_t i) {
  return instant{
    std::chrono::milliseconds{base_ms + static_cast<int64_t>(i / 3)}};
}

std::vector<simulated_event> simulate(size_t n, uint64_t seed = 1,
                                      uint32_t node_id = 1) {
  simulator_options options;
  options.seed = seed;
  options.node_id = node_id;
  board_simulator sim{options, seoul()};
  std::vector<simulated_event> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i)
    out.push_back(sim.next(clock_for(i)));
  return out;
}

std::vector<std::string> encoded(const std::vector<simulated_event>& events,
                                 date_style dates = date_style::iso) {
  std::vector<std::string> out;
  for (const auto& e : events)
    out.push_back(encode_event(e.ev, dates, e.extras()));
  return out;
}

} // namespace

TEST_CASE("the simulator is deterministic for a seed") {
  auto a = encoded(simulate(20'000, 42));
  auto b = encoded(simulate(20'000, 42));
  CHECK(a == b);
  auto c = encoded(simulate(20'000, 43));
  CHECK(a != c);
}

TEST_CASE("simulated counts are absolute, move by one and never go negative") {
  simulator_options options;
  board_simulator sim{options, seoul()};
  std::set<article_id> created;
  std::map<article_id, int64_t> likes, comments, views;
  for (size_t i = 0; i < 100'000; ++i) {
    const auto& e = sim.next(clock_for(i));
    const auto& ev = e.ev;
    if (ev.type == event_type::article_created) {
      REQUIRE(created.insert(ev.article).second);
      continue;
    }
    INFO("event " << i << ": " << encode_event(ev, date_style::iso));
    // Every event is about an article the stream has seen created.
    REQUIRE(created.count(ev.article) == 1);
    switch (ev.type) {
      case event_type::article_liked:
        REQUIRE(ev.count == ++likes[ev.article]);
        break;
      case event_type::article_unliked:
        REQUIRE(ev.count == --likes[ev.article]);
        REQUIRE(ev.count >= 0);
        break;
      case event_type::comment_created:
        REQUIRE(ev.count == ++comments[ev.article]);
        break;
      case event_type::comment_deleted:
        REQUIRE(ev.count == --comments[ev.article]);
        REQUIRE(ev.count >= 0);
        break;
      case event_type::article_viewed:
        // Published every 100 views, as the reference view service does.
        REQUIRE(ev.count % 100 == 0);
        REQUIRE(ev.count == views[ev.article] + 100);
        views[ev.article] = ev.count;
        break;
      default:
        break;
    }
  }
  SECTION("the simulator's truth agrees with the last published counts") {
    for (const auto& [id, count] : likes)
      if (const auto* truth = sim.find(id)) {
        CHECK(truth->likes == count);
        CHECK(truth->comments == comments[id]);
        CHECK(truth->views / 100 * 100 == views[id]);
      }
  }
}

TEST_CASE("no events follow an article's deletion") {
  auto events = simulate(100'000, 7);
  std::set<article_id> deleted;
  for (const auto& e : events) {
    REQUIRE(deleted.count(e.ev.article) == 0);
    if (e.ev.type == event_type::article_deleted)
      deleted.insert(e.ev.article);
  }
  CHECK(deleted.size() > 10);
}

TEST_CASE(
  "a small article window bounds memory and evicted articles go quiet") {
  simulator_options options;
  options.article_window = 64;
  // A half-life of one article rebases the weights every 512 articles.
  options.half_life = 1;
  board_simulator sim{options, seoul()};
  std::set<article_id> evicted;
  std::vector<article_id> created;
  size_t likes = 0;
  for (size_t i = 0; i < 100'000; ++i) {
    const auto& ev = sim.next(clock_for(i)).ev;
    REQUIRE(evicted.count(ev.article) == 0);
    REQUIRE(sim.find(ev.article) != nullptr);
    REQUIRE(sim.live_articles() <= 64);
    if (ev.type == event_type::article_liked)
      ++likes;
    if (ev.type == event_type::article_created) {
      created.push_back(ev.article);
      if (created.size() > 64)
        evicted.insert(created[created.size() - 65]);
    }
  }
  CHECK(sim.articles_created() == created.size());
  CHECK(created.size() > 1000);
  CHECK(likes > 25'000);
}

TEST_CASE("the mix of event types is plausible over 100k events") {
  auto events = simulate(100'000, 3);
  std::array<double, event_type_count> share{};
  for (const auto& e : events)
    share[static_cast<size_t>(e.ev.type)] += 1.0 / 100'000;
  auto of = [&](event_type t) { return share[static_cast<size_t>(t)]; };
  CHECK(of(event_type::article_created) > 0.005);
  CHECK(of(event_type::article_created) < 0.05);
  CHECK(of(event_type::article_updated) > 0.002);
  CHECK(of(event_type::article_updated) < 0.03);
  CHECK(of(event_type::article_deleted) > 0.0002);
  CHECK(of(event_type::article_deleted) < of(event_type::article_created));
  CHECK(of(event_type::comment_created) > 0.05);
  CHECK(of(event_type::comment_deleted) < of(event_type::comment_created));
  CHECK(of(event_type::article_liked) > 0.25);
  CHECK(of(event_type::article_unliked) < of(event_type::article_liked));
  CHECK(of(event_type::article_unliked) > 0.02);
  CHECK(of(event_type::article_viewed) > 0.15);
  CHECK(of(event_type::article_viewed) < 0.5);
}

TEST_CASE("popularity is skewed: the top 1% of articles get a large share") {
  auto events = simulate(100'000, 11);
  std::unordered_map<article_id, int64_t> likes;
  size_t articles = 0;
  int64_t total = 0;
  for (const auto& e : events) {
    if (e.ev.type == event_type::article_created)
      ++articles;
    if (e.ev.type == event_type::article_liked) {
      ++likes[e.ev.article];
      ++total;
    }
  }
  std::vector<int64_t> counts;
  for (const auto& [id, n] : likes)
    counts.push_back(n);
  std::sort(counts.rbegin(), counts.rend());
  auto top = std::max<size_t>(1, articles / 100);
  int64_t top_likes = 0;
  for (size_t i = 0; i < top && i < counts.size(); ++i)
    top_likes += counts[i];
  auto top_share = static_cast<double>(top_likes) / static_cast<double>(total);
  INFO(articles << " articles, top " << top << " got " << top_share * 100
                << "% of " << total << " likes");
  // Uniform popularity would give them 1 %.
  CHECK(top_share > 0.2);
  // ...but not everything: the rest of the board is alive too.
  CHECK(top_share < 0.8);
  CHECK(counts.size() > articles / 2);
}

TEST_CASE("ids are snowflakes of the configured node, increasing in order") {
  auto events = simulate(20'000, 5, 77);
  int64_t previous = 0;
  for (const auto& e : events) {
    REQUIRE(e.ev.id.value() > previous);
    previous = e.ev.id.value();
    REQUIRE(snowflake_generator::node_of(e.ev.id.value()) == 77);
    REQUIRE(snowflake_generator::node_of(e.ev.article.value()) == 77);
    // An article exists before anything happens to it.
    REQUIRE(e.ev.article.value() < e.ev.id.value());
    REQUIRE(e.ev.board.value() >= 1);
    REQUIRE(e.ev.board.value() <= 4);
  }
}

TEST_CASE("dates are wall-clock times in the configured zone") {
  auto calendar = seoul();
  for (const auto& e : simulate(5000)) {
    if (e.ev.type == event_type::article_updated
        || e.ev.type == event_type::article_deleted)
      continue;
    // Creation, like and comment times are the event's own time.
    REQUIRE(e.ev.created_at == calendar.local_at(e.ev.time()));
  }
  // 15:30 UTC is already the next day in Seoul.
  CHECK(simulate(1)[0].ev.created_at.to_iso() == "2025-05-26T00:30:00");
}

TEST_CASE("every simulated event round-trips through the decoder") {
  event_decoder decoder;
  auto events = simulate(20'000, 9);
  for (auto dates : {date_style::iso, date_style::jackson_array}) {
    for (const auto& e : events) {
      auto json = encode_event(e.ev, dates, e.extras());
      auto decoded = decoder.decode(json);
      INFO(json);
      REQUIRE(decoded);
      CHECK(decoded->id == e.ev.id);
      CHECK(decoded->type == e.ev.type);
      CHECK(decoded->article == e.ev.article);
      if (is_article_event(e.ev.type)) {
        CHECK(decoded->title == e.ev.title);
        CHECK(decoded->board == e.ev.board);
        CHECK(decoded->created_at == e.ev.created_at);
      } else {
        CHECK(decoded->count == e.ev.count);
      }
    }
  }
}

TEST_CASE("a few boards are busy and most are quiet") {
  simulator_options options;
  options.boards = 100;
  // Mostly creations, so that every board's share shows.
  options.create_odds = 200;
  board_simulator sim{options, seoul()};
  std::vector<int64_t> created(options.boards + 1, 0);
  int64_t total = 0;
  for (size_t i = 0; i < 30'000; ++i) {
    const auto& e = sim.next(clock_for(i));
    if (e.ev.type != event_type::article_created)
      continue;
    REQUIRE(e.ev.board.value() >= 1);
    REQUIRE(e.ev.board.value() <= 100);
    ++created[static_cast<size_t>(e.ev.board.value())];
    ++total;
  }
  REQUIRE(total > 10'000);
  auto share = [&](size_t first, size_t last) {
    int64_t sum = 0;
    for (size_t b = first; b <= last; ++b)
      sum += created[b];
    return static_cast<double>(sum) / static_cast<double>(total);
  };
  INFO("board 1: " << share(1, 1) << ", boards 1-10: " << share(1, 10)
                   << ", boards 51-100: " << share(51, 100));
  // Board k's odds are 1/k: board 1 alone has about 19 %, the ten busiest
  // about 56 %, the quieter half about 13 % (uniform: 1, 10 and 50 %).
  CHECK(share(1, 1) > 0.15);
  CHECK(share(1, 10) > 0.5);
  CHECK(share(51, 100) < 0.18);
  CHECK(created[1] > created[10]);
  CHECK(created[10] > created[100]);
  // Quiet is not silent.
  CHECK(share(51, 100) > 0.08);
}
