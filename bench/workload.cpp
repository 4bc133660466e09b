// A day of board traffic, encoded and partitioned in memory.
#include "bench/workload.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <librdkafka/rdkafka.h>

#include "app/generator/board_simulator.hpp"
#include "app/generator/event_routing.hpp"
#include "app/generator/snowflake_generator.hpp"
#include "messages/snowflake.hpp"

namespace hot::bench {

namespace {

const char* default_topic(gen::topic_kind kind) {
  switch (kind) {
    case gen::topic_kind::article:
      return "board-article";
    case gen::topic_kind::comment:
      return "board-comment";
    case gen::topic_kind::like:
      return "board-like";
    case gen::topic_kind::view:
      break;
  }
  return "board-view";
}

// The partition librdkafka's murmur2_random partitioner (Java's default,
// which the generator and the reference producers use) picks for a key.
int32_t partition_of(const std::string& key, int32_t partitions) {
  return rd_kafka_msg_partitioner_murmur2_random(
    nullptr, key.data(), key.size(), partitions, nullptr, nullptr);
}

} // namespace

workload make_workload(const workload_options& options) {
  auto calendar = day_calendar::make(options.timezone, std::chrono::hours{1});
  if (!calendar)
    throw std::runtime_error("unknown time zone " + options.timezone);
  workload out{*calendar, {}, {}, {}, 0, 0, 0, {}, {}, {}};
  // The last minutes of today, never before its midnight.
  auto end = now_instant() - std::chrono::seconds{1};
  auto midnight = calendar->start_of(calendar->day_at(end));
  auto start = std::max(end - std::chrono::minutes{10},
                        midnight + std::chrono::seconds{1});
  auto span
    = std::chrono::duration_cast<std::chrono::microseconds>(end - start);
  gen::simulator_options sim;
  sim.seed = options.seed;
  sim.create_odds = options.create_odds;
  sim.boards = options.boards;
  // Every article of the day stays reachable, as on a real board.
  sim.article_window = 1u << 20;
  gen::board_simulator simulator{sim, *calendar};
  std::map<std::pair<gen::topic_kind, int32_t>, size_t> index;
  std::vector<std::shared_ptr<stored_partition>> logs;
  std::string value;
  auto place = [&](const event& ev, const gen::simulated_event* extras,
                   instant now) {
    auto topic = gen::topic_of(ev.type);
    auto key = gen::message_key_of(ev);
    auto partition = partition_of(key, options.partitions);
    auto [it, added] = index.try_emplace({topic, partition}, logs.size());
    if (added) {
      logs.push_back(std::make_shared<stored_partition>(64 << 20));
      out.partitions.push_back(partition_ref{default_topic(topic), partition});
      out.truth.partitions.emplace_back();
    }
    value.clear();
    encode_event(ev, date_style::iso,
                 extras != nullptr ? extras->extras() : payload_extras{},
                 value);
    out.bytes += value.size();
    logs[it->second]->append(now.time_since_epoch().count(), key, value);
    test::stream_message truth;
    truth.partition = out.partitions[it->second];
    truth.published = now;
    truth.ev = ev;
    out.truth.partitions[it->second].push_back(std::move(truth));
    ++out.by_type[static_cast<size_t>(ev.type)];
    ++out.events;
  };
  // Likes get ids of their own node, after the simulator's.
  gen::snowflake_generator like_ids{sim.node_id + 1};
  for (uint64_t i = 0; i < options.events; ++i) {
    auto offset = span * static_cast<int64_t>(i)
                  / static_cast<int64_t>(options.events);
    auto now = start
               + std::chrono::duration_cast<std::chrono::milliseconds>(offset);
    const auto& next = simulator.next(now);
    place(next.ev, &next, now);
    if (options.like_each_article
        && next.ev.type == event_type::article_created) {
      event like;
      like.id = event_id{like_ids.next(now)};
      like.type = event_type::article_liked;
      like.article = next.ev.article;
      like.created_at = next.ev.created_at;
      like.count = 1;
      place(like, nullptr, now);
    }
  }
  out.articles = simulator.articles_created();
  out.first = start;
  out.last = end;
  out.logs.assign(logs.begin(), logs.end());
  return out;
}

std::vector<const stored_message*> interleaved(const workload& w) {
  std::vector<const stored_message*> out;
  out.reserve(w.events);
  size_t longest = 0;
  for (const auto& log : w.logs)
    longest = std::max(longest, log->size());
  for (size_t i = 0; i < longest; ++i)
    for (const auto& log : w.logs)
      if (i < log->size())
        out.push_back(&(*log)[i]);
  return out;
}

} // namespace hot::bench
