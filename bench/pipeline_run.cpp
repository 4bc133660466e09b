// One run of the real actor pipeline over an in-memory workload.
#include "bench/pipeline_run.hpp"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "actors/kafka/partition.hpp"
#include "messages/by_article.hpp"
#include "messages/event_decoder.hpp"
#include "messages/interfaces.hpp"
#include "messages/internal_record.hpp"
#include "tests/support/pipeline_probe.hpp"
#include "tests/support/stored_lists.hpp"
#include "tests/support/stream_feeder.hpp"

namespace hot::bench {

namespace {

using steady = std::chrono::steady_clock;
using namespace std::chrono_literals;

double cpu_seconds_now() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

void flush_redis(test::redis_server& redis) {
  auto conn = redis.connect();
  conn.append(redis_command{"FLUSHALL"});
  if (!conn.exchange())
    throw std::runtime_error("FLUSHALL failed");
}

// Asks every partition how far its commit frontier has come.
bool all_applied(caf::scoped_actor& self,
                 const std::vector<partition_actor>& partitions,
                 const std::vector<std::shared_ptr<stored_partition>>& logs) {
  for (size_t i = 0; i < partitions.size(); ++i) {
    int64_t frontier = -1;
    self->request(partitions[i], 10s, caf::get_atom_v, offset_atom_v)
      .receive([&](int64_t x) { frontier = x; },
               [&](caf::error& err) {
                 throw std::runtime_error("partition did not answer: "
                                          + caf::to_string(err));
               });
    if (frontier < static_cast<int64_t>(logs[i]->size()))
      return false;
  }
  return true;
}

// What the source partitions would have written to the internal topic:
// each event's internal record keyed by article in its article's
// partition, stamps kept (uncompacted), and
// every source partition's watermark to every partition each 10 000 of its
// messages. Built before the clock starts, as the workload itself is.
std::vector<std::shared_ptr<stored_partition>>
internal_logs(const workload& w, int32_t partitions) {
  std::vector<std::shared_ptr<stored_partition>> out;
  for (int32_t p = 0; p < partitions; ++p)
    out.push_back(std::make_shared<stored_partition>(
      w.bytes / static_cast<uint64_t>(partitions) + 4096));
  event_decoder decoder;
  std::string record;
  std::vector<size_t> next(w.logs.size(), 0);
  std::vector<int64_t> newest(w.logs.size(), 0);
  bool more = true;
  constexpr size_t chunk = 10'000;
  while (more) {
    more = false;
    // Source partitions interleave in chunks, as they would in Kafka.
    for (size_t s = 0; s < w.logs.size(); ++s) {
      const auto& log = *w.logs[s];
      auto end = std::min(log.size(), next[s] + chunk);
      for (; next[s] < end; ++next[s]) {
        const auto& msg = log[next[s]];
        newest[s] = std::max(newest[s], msg.timestamp_ms);
        auto decoded = decoder.decode(msg.value);
        if (!decoded)
          continue;
        auto p = by_article_partition(decoded->article, partitions);
        encode_internal_record(*decoded, record);
        out[static_cast<size_t>(p)]->append(
          msg.timestamp_ms, by_article_key(decoded->article), record);
      }
      auto mark = encode_watermark(source_watermark{
        w.partitions[s], instant{std::chrono::milliseconds{newest[s]}}});
      for (auto& internal : out)
        internal->append(newest[s], watermark_key, mark);
      more = more || next[s] < log.size();
    }
  }
  return out;
}

} // namespace

int64_t resident_bytes() {
  std::ifstream statm{"/proc/self/statm"};
  int64_t size = 0;
  int64_t resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

int64_t heap_in_use() {
  auto info = mallinfo2();
  return static_cast<int64_t>(info.uordblks + info.hblkhd);
}

int64_t peak_resident_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<int64_t>(usage.ru_maxrss) * 1024;
}

pipeline_settings bench_settings(const test::redis_server& redis,
                                 const workload& w) {
  pipeline_settings s;
  s.redis = redis.settings();
  s.timezone = w.calendar.zone_name();
  return s;
}

pipeline_figures
run_pipeline(const workload& w, test::redis_server& redis,
             const pipeline_settings& settings,
             const std::map<day_key, test::oracle_day>* expected,
             bool measure_heap) {
  flush_redis(redis);
  auto partitions_count = settings.kafka.by_article_partitions;
  auto logs = internal_logs(w, partitions_count);
  caf::actor_system_config config;
  calm_idle_workers(config);
  caf::actor_system sys{config};
  auto p = start_core(sys, settings);
  if (!p)
    throw std::runtime_error("pipeline did not start: "
                             + caf::to_string(p.error()));
  auto tasks = test::claim_all(sys, p->tasks, partitions_count, w.partitions);
  caf::scoped_actor self{sys};
  pipeline_figures out;
  out.events = w.events;
  // Freed pages of earlier runs go back first, so growth is this run's.
  malloc_trim(0);
  auto rss_before = resident_bytes();
  auto cpu_before = cpu_seconds_now();
  // mallinfo walks the whole heap: only where the figure is wanted.
  auto heap_before = measure_heap ? heap_in_use() : 0;
  auto start = steady::now();
  std::vector<partition_actor> partitions;
  std::vector<std::shared_ptr<memory_feed>> feeds;
  for (size_t i = 0; i < logs.size(); ++i) {
    partition_setup ps;
    ps.partition = partition_ref{settings.kafka.internal_topic(),
                                 static_cast<int32_t>(i)};
    feeds.push_back(std::make_shared<memory_feed>(logs[i]));
    ps.feed = feeds.back();
    ps.start_offset = 0;
    ps.shards = tasks[i].shards;
    ps.directory = tasks[i].directory;
    ps.settings = settings.kafka;
    partitions.push_back(sys.spawn(partition, std::move(ps)));
  }
  // Polling costs a few requests per millisecond; the run takes seconds.
  while (!all_applied(self, partitions, logs))
    std::this_thread::sleep_for(1ms);
  std::vector<int32_t> owned;
  for (int32_t i = 0; i < partitions_count; ++i)
    owned.push_back(i);
  self->request(p->tasks, 60s, barrier_atom_v, owned)
    .receive([](caf::ok_atom) {},
             [&](caf::error& err) {
               throw std::runtime_error("lists not stored: "
                                        + caf::to_string(err));
             });
  out.seconds = std::chrono::duration<double>(steady::now() - start).count();
  out.cpu_seconds = cpu_seconds_now() - cpu_before;
  out.rss_growth = resident_bytes() - rss_before;
  if (measure_heap)
    out.heap_growth = heap_in_use() - heap_before;
  auto account = [&](const actor_stats& s) {
    out.busy_seconds[s.kind] += static_cast<double>(s.busy_ns) / 1e9;
    if (s.kind == "shard")
      out.articles += static_cast<uint64_t>(
        std::max<int64_t>(0, test::figure(s, "articles")));
  };
  self->request(p->tasks, 10s, stats_atom_v)
    .receive(
      [&](const std::vector<actor_stats>& all) {
        for (const auto& s : all)
          account(s);
      },
      [](caf::error&) {});
  for (const auto& actor : partitions)
    self->request(actor, 10s, stats_atom_v).receive(account, [](caf::error&) {
    });
  for (const auto& feed : feeds)
    out.partition_pauses += feed->pauses();
  if (expected != nullptr) {
    std::vector<day_key> days;
    for (const auto& [day, _] : *expected)
      days.push_back(day);
    out.mismatch = test::list_mismatch(redis, *expected, days,
                                       test::reserve_check::none);
  }
  for (auto& actor : partitions)
    self->send_exit(actor, caf::exit_reason::user_shutdown);
  for (auto& actor : partitions)
    self->wait_for(actor);
  stop_pipeline(sys, *p, 30s);
  return out;
}

} // namespace hot::bench
