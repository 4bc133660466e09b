// The daemon binary driven from outside: its own Kafka process, a real
// Redis, HTTP requests, signals.
#pragma once

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "messages/day_calendar.hpp"
#include "tests/e2e/process.hpp"
#include "tests/support/adversarial_stream.hpp"
#include "tests/support/ranking_oracle.hpp"
#include "tests/support/redis_server.hpp"

namespace hot::test {

struct http_answer {
  int status = 0;
  std::string body;

  nlohmann::json json() const {
    return nlohmann::json::parse(body, nullptr, false);
  }
};

/// A running hot-articles daemon.
struct daemon_run {
  std::unique_ptr<child_process> process;
  uint16_t http_port = 0;
  uint16_t admin_port = 0;

  http_answer get(const std::string& path, const std::string& method = "GET",
                  const std::string& token = {}) const;
  http_answer admin(const std::string& path,
                    const std::string& token = {}) const;
};

class e2e_fixture {
public:
  e2e_fixture();
  ~e2e_fixture();

  /// Starts the daemon against this fixture's Kafka and Redis; waits until
  /// /health says ready when `wait_ready`.
  daemon_run start_daemon(const std::string& group,
                          std::vector<std::string> extra = {},
                          bool wait_ready = true);

  /// Starts the daemon again on the ports `earlier` listened on, as an
  /// operator restarts a service.
  daemon_run restart_daemon(const daemon_run& earlier, const std::string& group,
                            std::vector<std::string> extra = {},
                            bool wait_ready = true);

  /// Creates `{group}-by-article` (12 partitions) once, through the Kafka
  /// process: the mock does not answer CreateTopics. `start_daemon` does
  /// it; a daemon started another way needs it first.
  void create_internal_topic(const std::string& group);

  /// Produces lines "key:value" to a topic with kcat, as a user would.
  void kcat(const std::string& topic, const std::vector<std::string>& lines);

  /// Runs hot-articles-gen; its dump is appended to `dumped`.
  void generate(uint64_t count, uint64_t seed);

  /// Starts hot-articles-gen in the background at `rate` events per second;
  /// its dump joins `dumped` (complete once the generator ended).
  std::unique_ptr<child_process> start_generator(uint64_t count, uint64_t seed,
                                                 uint64_t rate);

  /// What hot-articles-gen produced so far, as a stream for the oracle.
  partitioned_stream dumped() const;

  /// The oracle's lists of everything hot-articles-gen produced.
  std::map<day_key, oracle_day> expected_lists() const;

  /// Every day with a list in Redis.
  std::vector<day_key> stored_days();

  /// Empty when Redis holds exactly `expected` for every day of it (ids,
  /// scores, titles) and no list of any other day; else the first
  /// difference.
  std::string lists_mismatch(const std::map<day_key, oracle_day>& expected);

  /// Checks `lists_mismatch` until it is empty or `timeout` passes; the
  /// last difference, empty when Redis caught up.
  std::string wait_for_lists(const std::map<day_key, oracle_day>& expected,
                             std::chrono::milliseconds timeout);

  /// True once every partition's committed offset of `group` is its end.
  bool all_committed(const std::string& group) const;

  std::string kafka_bootstraps;
  redis_server redis;
  day_calendar calendar;
  std::string dir;

private:
  daemon_run launch(const std::string& group, uint16_t http_port,
                    uint16_t admin_port, std::vector<std::string> extra,
                    bool wait_ready);

  std::unique_ptr<child_process> kafka_;
  std::set<std::string> internal_topics_;
  std::vector<std::string> dumps_;
  int runs_ = 0;
};

/// `[{"articleId", "score"}, ...]` of a list, best first: what the HTTP
/// answer and the oracle must agree on.
nlohmann::json ids_and_scores(const std::vector<oracle_entry>& list);

/// The same, of the list `daemon` serves for `day` over HTTP.
nlohmann::json served_ids_and_scores(const daemon_run& daemon, day_key day);

/// Every sample of a metric in `daemon`'s /metrics, summed.
int64_t metric_sum(const daemon_run& daemon, const std::string& name);

/// Internal partitions `daemon` owns: ranking tasks it runs.
int64_t owned_partitions(const daemon_run& daemon);

/// `today` in the daemon's default zone, as yyyyMMdd.
day_key today(const day_calendar& calendar);

} // namespace hot::test
