// The daemon binary driven from outside: its own Kafka process, a real
// Redis, HTTP requests, signals.
#include "tests/e2e/e2e_fixture.hpp"

#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "messages/event_decoder.hpp"
#include "tests/support/mock_kafka.hpp"
#include "tests/support/stored_lists.hpp"
#include "tests/support/wait.hpp"

namespace hot::test {

namespace {

using namespace std::chrono_literals;

http_answer request(uint16_t port, const std::string& path,
                    const std::string& method, const std::string& token) {
  httplib::Client client{"127.0.0.1", port};
  client.set_connection_timeout(2, 0);
  client.set_read_timeout(10, 0);
  httplib::Headers headers;
  if (!token.empty())
    headers.emplace("Authorization", "Bearer " + token);
  auto res = method == "POST"
               ? client.Post(path.c_str(), headers, "x", "text/plain")
               : client.Get(path.c_str(), headers);
  if (!res)
    return http_answer{0, httplib::to_string(res.error())};
  return http_answer{res->status, res->body};
}

} // namespace

http_answer daemon_run::get(const std::string& path, const std::string& method,
                            const std::string& token) const {
  return request(http_port, path, method, token);
}

http_answer daemon_run::admin(const std::string& path,
                              const std::string& token) const {
  return request(admin_port, path, "GET", token);
}

int64_t metric_sum(const daemon_run& daemon, const std::string& name) {
  auto text = daemon.get("/metrics").body;
  std::regex sample{"(^|\\n)" + name + "(\\{[^}]*\\})? (-?[0-9]+)"};
  int64_t sum = 0;
  for (std::sregex_iterator it{text.begin(), text.end(), sample}, end;
       it != end; ++it)
    sum += std::stoll((*it)[3].str());
  return sum;
}

int64_t owned_partitions(const daemon_run& daemon) {
  return metric_sum(daemon, "hot_articles_owned_partitions");
}

day_key today(const day_calendar& calendar) {
  return calendar.day_at(now_instant());
}

e2e_fixture::e2e_fixture()
  : calendar(*day_calendar::make("Asia/Seoul", std::chrono::hours{1})) {
  char pattern[] = "/tmp/hot-e2e-XXXXXX";
  dir = ::mkdtemp(pattern);
  kafka_ = std::make_unique<child_process>(
    std::vector<std::string>{bin("hot-articles-test-kafka")},
    dir + "/kafka.log", std::vector<std::string>{}, true);
  auto found = wait_until(10s, [&] {
    auto out = kafka_->output();
    auto at = out.find("BOOTSTRAP ");
    auto end = out.find('\n', at);
    if (at == std::string::npos || end == std::string::npos)
      return false;
    kafka_bootstraps = out.substr(at + 10, end - at - 10);
    return true;
  });
  if (!found)
    throw std::runtime_error("the mock cluster did not start: "
                             + kafka_->output());
}

e2e_fixture::~e2e_fixture() {
  kafka_->close_stdin();
  kafka_->wait(10s);
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

void e2e_fixture::create_internal_topic(const std::string& group) {
  auto topic = group + "-by-article";
  if (!internal_topics_.insert(topic).second)
    return;
  kafka_->write_stdin("create-topic " + topic + " 12\n");
  auto answer = "TOPIC " + topic + " ";
  if (!wait_until(10s, [&] {
        return kafka_->output().find(answer) != std::string::npos;
      }))
    throw std::runtime_error("the Kafka process did not create " + topic);
  auto out = kafka_->output();
  if (out.find(answer + "ok") == std::string::npos)
    throw std::runtime_error("cannot create " + topic + ": " + out);
}

daemon_run e2e_fixture::start_daemon(const std::string& group,
                                     std::vector<std::string> extra,
                                     bool wait_ready) {
  return launch(group, free_port(), free_port(), std::move(extra), wait_ready);
}

daemon_run
e2e_fixture::restart_daemon(const daemon_run& earlier, const std::string& group,
                            std::vector<std::string> extra, bool wait_ready) {
  return launch(group, earlier.http_port, earlier.admin_port, std::move(extra),
                wait_ready);
}

daemon_run e2e_fixture::launch(const std::string& group, uint16_t http_port,
                               uint16_t admin_port,
                               std::vector<std::string> extra,
                               bool wait_ready) {
  create_internal_topic(group);
  daemon_run run;
  run.http_port = http_port;
  run.admin_port = admin_port;
  std::vector<std::string> argv{
    bin("hot-articles"),
    "--kafka.brokers=" + kafka_bootstraps,
    "--kafka.group-id=" + group,
    "--redis.port=" + std::to_string(redis.port()),
    "--http.host=127.0.0.1",
    "--http.port=" + std::to_string(run.http_port),
    "--admin.port=" + std::to_string(run.admin_port),
    "--kafka.commit-interval=200ms",
    "--kafka.watermark-interval=100ms",
  };
  for (const auto& [name, value] : mock_group_timing())
    argv.push_back("--kafka.property." + name + "=" + value);
  argv.insert(argv.end(), extra.begin(), extra.end());
  run.process = std::make_unique<child_process>(
    argv, dir + "/daemon-" + std::to_string(++runs_) + ".log");
  if (wait_ready
      && !wait_until(60s, [&] { return run.get("/health").status == 200; }))
    throw std::runtime_error("the daemon did not become ready:\n"
                             + run.process->output());
  return run;
}

void e2e_fixture::kcat(const std::string& topic,
                       const std::vector<std::string>& lines) {
  std::string input;
  for (const auto& line : lines)
    input += line + "\n";
  auto result = run_command({"kcat", "-P", "-b", kafka_bootstraps, "-t", topic,
                             "-K:", "-X", "partitioner=murmur2_random"},
                            30s, input);
  if (result.exit_code != 0)
    throw std::runtime_error("kcat failed: " + result.output);
}

void e2e_fixture::generate(uint64_t count, uint64_t seed) {
  auto dump = dir + "/dump-" + std::to_string(dumps_.size()) + ".jsonl";
  auto result
    = run_command({bin("hot-articles-gen"), "--brokers", kafka_bootstraps,
                   "--count", std::to_string(count), "--rate", "0", "--seed",
                   std::to_string(seed), "--dump", dump},
                  120s);
  if (result.exit_code != 0)
    throw std::runtime_error("hot-articles-gen failed: " + result.output);
  dumps_.push_back(dump);
}

std::unique_ptr<child_process>
e2e_fixture::start_generator(uint64_t count, uint64_t seed, uint64_t rate) {
  auto dump = dir + "/dump-" + std::to_string(dumps_.size()) + ".jsonl";
  dumps_.push_back(dump);
  return std::make_unique<child_process>(
    std::vector<std::string>{bin("hot-articles-gen"), "--brokers",
                             kafka_bootstraps, "--count", std::to_string(count),
                             "--rate", std::to_string(rate), "--seed",
                             std::to_string(seed), "--dump", dump},
    dir + "/gen-" + std::to_string(dumps_.size()) + ".log");
}

std::map<day_key, oracle_day> e2e_fixture::expected_lists() const {
  return rank_open_days(dumped(), calendar, score_weights{}, 10, 10);
}

std::vector<day_key> e2e_fixture::stored_days() {
  auto conn = redis.connect();
  auto reply = conn.call({"KEYS", "hot-article::list::*"});
  std::vector<day_key> out;
  if (!reply)
    return out;
  for (size_t i = 0; i < (*reply)->elements; ++i) {
    std::string key{(*reply)->element[i]->str, (*reply)->element[i]->len};
    if (auto day = day_key::parse(key.substr(key.rfind(':') + 1)))
      out.push_back(*day);
  }
  return out;
}

std::string
e2e_fixture::lists_mismatch(const std::map<day_key, oracle_day>& expected) {
  auto days = stored_days();
  for (const auto& [day, lists] : expected)
    if (std::find(days.begin(), days.end(), day) == days.end())
      days.push_back(day);
  std::sort(days.begin(), days.end());
  return list_mismatch(redis, expected, days, reserve_check::none);
}

std::string
e2e_fixture::wait_for_lists(const std::map<day_key, oracle_day>& expected,
                            std::chrono::milliseconds timeout) {
  std::string mismatch;
  wait_until(
    timeout,
    [&] {
      mismatch = lists_mismatch(expected);
      return mismatch.empty();
    },
    250ms);
  return mismatch;
}

nlohmann::json ids_and_scores(const std::vector<oracle_entry>& list) {
  auto out = nlohmann::json::array();
  for (const auto& e : list)
    out.push_back({{"articleId", e.id}, {"score", e.score}});
  return out;
}

nlohmann::json served_ids_and_scores(const daemon_run& daemon, day_key day) {
  auto out = nlohmann::json::array();
  auto path = "/v1/hot-articles/articles/date/" + day.to_string();
  for (const auto& a : daemon.get(path).json())
    out.push_back({{"articleId", a["articleId"]}, {"score", a["score"]}});
  return out;
}

partitioned_stream e2e_fixture::dumped() const {
  std::map<partition_ref, std::vector<std::pair<int64_t, stream_message>>> by;
  event_decoder decoder;
  for (const auto& path : dumps_) {
    std::ifstream in{path};
    std::string line;
    while (std::getline(in, line)) {
      auto doc = nlohmann::json::parse(line);
      stream_message msg;
      msg.partition = partition_ref{doc.at("topic").get<std::string>(),
                                    doc.at("partition").get<int32_t>()};
      msg.value = doc.at("value").get<std::string>();
      msg.published = instant{
        std::chrono::milliseconds{doc.at("timestamp").get<int64_t>()}};
      if (auto ev = decoder.decode(msg.value))
        msg.ev = std::move(*ev);
      by[msg.partition].emplace_back(doc.at("offset").get<int64_t>(),
                                     std::move(msg));
    }
  }
  partitioned_stream out;
  for (auto& [ref, msgs] : by) {
    std::sort(msgs.begin(), msgs.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<stream_message> partition;
    for (auto& m : msgs)
      partition.push_back(std::move(m.second));
    out.partitions.push_back(std::move(partition));
  }
  return out;
}

bool e2e_fixture::all_committed(const std::string& group) const {
  for (const auto& topic : default_topics())
    for (int32_t p = 0; p < mock_cluster::partitions_per_topic; ++p) {
      auto end = end_offset(kafka_bootstraps, topic, p);
      auto committed = committed_offset(kafka_bootstraps, group, topic, p);
      // A partition nothing was written to has nothing to commit.
      if (end > 0 && committed != end)
        return false;
    }
  return true;
}

} // namespace hot::test
