// Random board traffic that tries every hard case of the ranking rules.
#include "tests/support/adversarial_stream.hpp"

#include <algorithm>
#include <random>

#include "messages/event_encoder.hpp"
#include "tests/support/event_builders.hpp"

namespace hot::test {

namespace {

using namespace std::chrono_literals;

constexpr int32_t partitions_per_topic = 3;

std::string topic_of(event_type type) {
  switch (type) {
    case event_type::article_created:
    case event_type::article_updated:
    case event_type::article_deleted:
      return "board-article";
    case event_type::comment_created:
    case event_type::comment_deleted:
      return "board-comment";
    case event_type::article_liked:
    case event_type::article_unliked:
      return "board-like";
    case event_type::article_viewed:
      return "board-view";
  }
  return "board-article";
}

struct planned_article {
  int64_t id;
  day_key day;
  local_datetime created_at;
  instant created;
  int64_t board;
  std::string title;
  int64_t title_version;
};

struct sent_message {
  stream_message msg;
  instant sent;
};

class generator {
public:
  generator(uint64_t seed, const day_calendar& calendar)
    : rng_(seed), calendar_(calendar) {
  }

  int64_t uniform(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>{lo, hi}(rng_);
  }

  bool chance(double p) {
    return std::bernoulli_distribution{p}(rng_);
  }

  std::chrono::milliseconds millis(std::chrono::milliseconds lo,
                                   std::chrono::milliseconds hi) {
    return std::chrono::milliseconds{uniform(lo.count(), hi.count())};
  }

  int64_t id_at(instant t) {
    return snowflake_id(t, ++seq_);
  }

  partition_ref partition_for(const event& ev) {
    // The reference keys article events by boardId % 4, the rest by
    // articleId % 4.
    auto key = is_article_event(ev.type) ? ev.board.value() % 4
                                         : ev.article.value() % 4;
    return partition_ref{topic_of(ev.type),
                         static_cast<int32_t>(key % partitions_per_topic)};
  }

  /// Sends `ev` shortly after it happened; sometimes an outbox retry sends
  /// it much later, sometimes it is delivered twice.
  void emit(const event& ev, instant happened) {
    auto delay = millis(0ms, 2s);
    if (chance(0.04))
      delay = millis(1min, 3h);
    auto style = chance(0.5) ? date_style::iso : date_style::jackson_array;
    stream_message msg{partition_for(ev), encode_event(ev, style), {}, ev};
    push(msg, happened + delay);
    if (chance(0.05))
      push(msg, happened + delay + millis(0ms, 10min));
    if (chance(0.02))
      push_garbage(ev, happened + delay);
  }

  void push(stream_message msg, instant sent) {
    msg.published = sent;
    out_.push_back(sent_message{std::move(msg), sent});
  }

  void push_garbage(const event& ev, instant sent) {
    static const std::vector<std::string> kinds{
      "not json at all",
      R"({"eventId":1,"type":"ARTICLE_PINNED","payload":{"articleId":5}})",
      R"({"eventId":2,"type":"ARTICLE_LIKED","payload":{"articleLikeCount":3}})",
      R"({"eventId":3,"type":"ARTICLE_LIKED","payload":{"articleId":5,"articleLikeCount":-1}})",
    };
    auto valid = encode_event(ev);
    std::string value = chance(0.5)
                          ? valid.substr(0, valid.size() / 2)
                          : kinds[static_cast<size_t>(uniform(
                            0, static_cast<int64_t>(kinds.size()) - 1))];
    push(stream_message{partition_for(ev), std::move(value), sent,
                        std::nullopt},
         sent);
  }

  event article_event(event_type type, const planned_article& a, instant at,
                      std::string title) {
    auto ev = test::article_event(type, a.id, a.created_at, id_at(at),
                                  std::move(title), a.board);
    return ev;
  }

  event count_event(event_type type, int64_t article, int64_t count,
                    instant at) {
    auto ev = test::count_event(type, article, count, id_at(at));
    ev.created_at = calendar_.local_at(at);
    return ev;
  }

  /// Absolute counts of one kind: a walk that mostly grows.
  void counts(int64_t article, instant from, count_kind kind) {
    auto n = uniform(0, 8);
    std::vector<instant> times;
    for (int64_t i = 0; i < n; ++i)
      times.push_back(from + millis(1s, 30h));
    std::sort(times.begin(), times.end());
    int64_t value = 0;
    for (auto t : times) {
      bool up = value == 0 || chance(0.75);
      event_type type;
      switch (kind) {
        case count_kind::likes:
          value += up ? uniform(1, 3) : -1;
          type = up ? event_type::article_liked : event_type::article_unliked;
          break;
        case count_kind::comments:
          value += up ? 1 : -1;
          type = up ? event_type::comment_created : event_type::comment_deleted;
          break;
        default:
          value += 100; // views are published every 100
          type = event_type::article_viewed;
          break;
      }
      emit(count_event(type, article, value, t), t);
    }
  }

  planned_article plan_article(day_key day, int index, uint64_t seed) {
    planned_article a;
    a.day = day;
    a.created = calendar_.start_of(day) + millis(0ms, 23h);
    a.created_at = calendar_.local_at(a.created);
    a.id = id_at(a.created - millis(0ms, 200ms));
    a.board = uniform(1, 4);
    a.title = "article " + std::to_string(seed) + "-" + std::to_string(index);
    return a;
  }

  partitioned_stream finish() {
    partitioned_stream out;
    std::map<partition_ref, std::vector<sent_message>> by_partition;
    for (auto& m : out_)
      by_partition[m.msg.partition].push_back(std::move(m));
    out_.clear();
    for (auto& [ref, msgs] : by_partition) {
      std::stable_sort(msgs.begin(), msgs.end(),
                       [](const auto& a, const auto& b) {
                         return a.sent < b.sent;
                       });
      std::vector<stream_message> partition;
      for (auto& m : msgs)
        partition.push_back(std::move(m.msg));
      out.partitions.push_back(std::move(partition));
    }
    return out;
  }

private:
  std::mt19937_64 rng_;
  const day_calendar& calendar_;
  uint32_t seq_ = 0;
  std::vector<sent_message> out_;
};

} // namespace

size_t partitioned_stream::size() const {
  size_t n = 0;
  for (const auto& p : partitions)
    n += p.size();
  return n;
}

std::vector<partition_ref> partitioned_stream::sources() const {
  std::vector<partition_ref> out;
  for (const auto& messages : partitions)
    if (!messages.empty())
      out.push_back(messages.front().partition);
  return out;
}

std::pair<partitioned_stream, partitioned_stream>
partitioned_stream::split(double share) const {
  std::pair<partitioned_stream, partitioned_stream> out;
  for (const auto& messages : partitions) {
    auto cut = messages.begin()
               + static_cast<std::ptrdiff_t>(
                 static_cast<double>(messages.size()) * share);
    out.first.partitions.emplace_back(messages.begin(), cut);
    out.second.partitions.emplace_back(cut, messages.end());
  }
  return out;
}

adversarial_stream
make_adversarial_stream(uint64_t seed, const day_calendar& calendar,
                        day_key first_day, size_t article_count) {
  generator gen{seed, calendar};
  std::vector<planned_article> articles;
  auto count = article_count > 0 ? static_cast<int64_t>(article_count)
                                 : gen.uniform(15, 45);
  for (int i = 0; i < count; ++i) {
    auto day = gen.chance(0.5) ? first_day : first_day.next();
    auto a = gen.plan_article(day, i, seed);
    gen.emit(gen.article_event(event_type::article_created, a, a.created,
                               a.title),
             a.created);
    a.title_version = 0;
    for (int updates = 0; updates < 2 && gen.chance(0.25); ++updates) {
      auto at = a.created + gen.millis(1min, 20h);
      gen.emit(gen.article_event(event_type::article_updated, a, at,
                                 a.title + " v" + std::to_string(updates + 2)),
               at);
    }
    if (gen.chance(0.12)) {
      auto at = a.created + gen.millis(1min, 26h);
      gen.emit(gen.article_event(event_type::article_deleted, a, at, a.title),
               at);
    }
    for (auto kind :
         {count_kind::likes, count_kind::comments, count_kind::views})
      gen.counts(a.id, a.created, kind);
    articles.push_back(a);
  }
  // Counts for articles whose creation never arrives.
  for (int i = 0; i < 2; ++i) {
    auto orphan = gen.plan_article(first_day, 1000 + i, seed);
    gen.counts(orphan.id, orphan.created, count_kind::likes);
  }
  adversarial_stream out;
  out.open_days = gen.finish();

  // After both days are sealed: only deletes and title updates still count.
  auto after = calendar.seal_of(first_day.next()) + 1min;
  for (auto& a : articles) {
    if (gen.chance(0.3)) {
      auto at = after + gen.millis(0ms, 1h);
      gen.emit(gen.article_event(event_type::article_deleted, a, at, a.title),
               at);
    }
    if (gen.chance(0.3)) {
      auto at = after + gen.millis(0ms, 1h);
      gen.emit(gen.article_event(event_type::article_updated, a, at,
                                 a.title + " renamed"),
               at);
    }
    if (gen.chance(0.1)) {
      // An outbox retry of an update older than anything applied.
      auto ev = gen.article_event(event_type::article_updated, a, a.created,
                                  a.title + " stale");
      ev.id = event_id{snowflake_id(a.created - 1min, 7)};
      gen.emit(ev, after);
    }
    if (gen.chance(0.2)) {
      auto at = after + gen.millis(0ms, 1h);
      gen.emit(gen.count_event(event_type::article_liked, a.id, 1000, at), at);
    }
  }
  auto late = gen.plan_article(first_day, 2000, seed);
  gen.emit(gen.article_event(event_type::article_created, late, after,
                             late.title),
           after);
  gen.counts(late.id, after, count_kind::likes);
  out.after_seal = gen.finish();
  return out;
}

} // namespace hot::test
