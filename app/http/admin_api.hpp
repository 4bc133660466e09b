// The admin interface: what the console shows, over HTTP on loopback.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/introspection/stats_board.hpp"
#include "actors/redis/list_reader.hpp"
#include "app/http/http_server.hpp"
#include "messages/day_calendar.hpp"
#include "messages/interfaces.hpp"

namespace hot {

/// JSON routes under /admin/v1 (all GET): overview, actors, actors/{name},
/// partitions, shards, rankings, redis, top?by=mailbox|rate&n=N (400 for
/// another key), articles/{id}, days/{yyyyMMdd}?n=N (with &board=B: that
/// board's list, from Redis) and boards/{yyyyMMdd}?n=N (the day's most
/// active boards, each with its best article). The views of the
/// figures say when those were taken, how old they are and the ranking time
/// zone. With a token configured, every request needs
/// `Authorization: Bearer <token>`.
class admin_api {
public:
  admin_api(caf::actor_system& system, day_calendar calendar,
            std::shared_ptr<stats_board> board,
            std::shared_ptr<list_reader> reader, std::string token,
            const http_limits& limits);
  ~admin_api();

  admin_api(const admin_api&) = delete;
  admin_api& operator=(const admin_api&) = delete;

  /// State dumps need the ranking tasks, which exist once Redis answered.
  void attach(ranking_tasks_actor tasks);

  caf::expected<uint16_t> start(const std::string& host, uint16_t port);

  void stop();

private:
  http_answer answer(const http_request& req);
  std::optional<nlohmann::json> figures_view(std::string_view name);
  http_answer top_answer(const http_request& req);
  http_answer actor_answer(const std::string& name);
  http_answer article_answer(const std::string& text);
  http_answer day_answer(const std::string& text, const http_request& req);
  std::optional<ranking_tasks_actor> directory();
  void stamp(nlohmann::json& doc, const stats_snapshot& s) const;

  caf::actor_system& system_;
  std::shared_ptr<stats_board> board_;
  std::shared_ptr<list_reader> reader_;
  std::string token_;
  /// The zone the days are ranked in, which the console shows times in.
  day_calendar calendar_;
  std::chrono::steady_clock::time_point started_;
  std::mutex mutex_;
  std::optional<ranking_tasks_actor> directory_;
  http_server server_;
};

} // namespace hot
