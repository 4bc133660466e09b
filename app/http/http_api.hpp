// The HTTP API: rankings read from Redis, health and metrics.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <caf/expected.hpp>
#include <nlohmann/json.hpp>

#include "actors/introspection/stats_board.hpp"
#include "actors/kafka/dead_letter.hpp"
#include "actors/kafka/kafka_source.hpp"
#include "actors/redis/list_reader.hpp"
#include "app/http/answer_cache.hpp"
#include "app/http/api_route.hpp"
#include "app/http/http_meter.hpp"
#include "app/http/http_server.hpp"
#include "messages/day_calendar.hpp"

namespace hot {

/// Where the daemon is in its life, for /health.
enum class service_phase : int {
  starting,
  waiting_for_redis,
  waiting_for_kafka,
  running,
  stopping
};

struct service_status {
  std::atomic<service_phase> phase{service_phase::starting};
  std::shared_ptr<kafka_health> kafka = std::make_shared<kafka_health>();
};

/// Routes (all GET, JSON unless noted):
/// - /v1/hot-articles/articles/date/{yyyyMMdd}: the reference's list shape;
/// - /v1/hot-articles/articles/current: the list served now (the newest
///   sealed day) with its date;
/// - /v1/hot-articles/articles/recent: today and the six days before, each
///   with its date and whether it is final;
/// - /v1/hot-articles/boards/{boardId}/articles/date/{yyyyMMdd} and
///   .../boards/{boardId}/articles/recent: the same for one board's lists
///   (400 for a boardId that is no positive int64);
/// - /health: liveness and readiness with reasons (503 when not ready);
/// - /metrics: Prometheus text (with the dead-letter counters when
///   `dead_letters` is set).
/// Reads come from Redis, so every instance answers the same. Routes are
/// matched by match_api_route. Lists still fresh in the answer cache, and
/// errors, are answered on an I/O thread; what reads Redis, on a worker.
class http_api {
public:
  http_api(day_calendar calendar, std::shared_ptr<list_reader> reader,
           std::shared_ptr<stats_board> board,
           std::shared_ptr<service_status> status, const http_limits& limits,
           std::shared_ptr<const dead_letter_counts> dead_letters = nullptr,
           std::chrono::milliseconds answer_ttl = {});
  ~http_api();

  http_api(const http_api&) = delete;
  http_api& operator=(const http_api&) = delete;

  /// Binds and serves on threads of its own; returns the bound port.
  caf::expected<uint16_t> start(const std::string& host, uint16_t port);

  void stop();

private:
  struct health_report {
    bool ready = false;
    std::string status;
    /// Why it is not ready, naming the first failing check.
    std::string reason;
    nlohmann::json checks;
    std::vector<std::string> warnings;
  };

  std::optional<http_answer> answer_at_once(const http_request& req);
  http_answer answer(const http_request& req);
  /// The cache key of a list route, if `req` is one.
  std::optional<std::string> list_key(const api_request& matched) const;
  std::optional<http_answer> list_answer(const api_request& matched);
  health_report check_health();
  http_answer serve_health();
  std::string render_all_metrics();

  day_calendar calendar_;
  std::shared_ptr<list_reader> reader_;
  std::shared_ptr<stats_board> board_;
  std::shared_ptr<service_status> status_;
  std::shared_ptr<const dead_letter_counts> dead_letters_;
  answer_cache answers_;
  http_meter meter_;
  http_server server_;
};

} // namespace hot
