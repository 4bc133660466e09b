// The HTTP API: rankings read from Redis, health and metrics.
#include "app/http/http_api.hpp"

#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "app/error_text.hpp"
#include "app/http/api_route.hpp"
#include "app/http/list_json.hpp"
#include "app/http/metrics_text.hpp"
#include "app/http/process_metrics.hpp"
#include "common/version.hpp"

namespace hot {

namespace {

using json = nlohmann::json;

std::string phase_name(service_phase p) {
  switch (p) {
    case service_phase::starting:
      return "starting";
    case service_phase::waiting_for_redis:
      return "waiting for Redis";
    case service_phase::waiting_for_kafka:
      return "waiting for Kafka";
    case service_phase::running:
      return "running";
    case service_phase::stopping:
      return "stopping";
  }
  return "unknown";
}

} // namespace

http_api::http_api(day_calendar calendar, std::shared_ptr<list_reader> reader,
                   std::shared_ptr<stats_board> board,
                   std::shared_ptr<service_status> status,
                   const http_limits& limits,
                   std::shared_ptr<const dead_letter_counts> dead_letters,
                   std::chrono::milliseconds answer_ttl)
  : calendar_(std::move(calendar)),
    reader_(std::move(reader)),
    board_(std::move(board)),
    status_(std::move(status)),
    dead_letters_(std::move(dead_letters)),
    answers_(answer_ttl),
    server_(limits,
            http_routes{[this](const http_request& req) { return answer(req); },
                        [this](const http_request& req) {
                          return answer_at_once(req);
                        }},
            [this](const http_request& req, int answered,
                   std::chrono::nanoseconds took) {
              meter_.record(match_api_route(req.path).route, answered, took);
            }) {
}

http_api::~http_api() {
  stop();
}

http_api::health_report http_api::check_health() {
  health_report out;
  auto phase = status_->phase.load();
  auto redis_error = reader_->ping();
  bool redis_ok = !redis_error;
  auto assigned = status_->kafka->assigned.load();
  bool brokers_down = status_->kafka->brokers_down.load();
  bool kafka_ok = assigned > 0 && !brokers_down;
  bool running = phase == service_phase::running;
  out.ready = running && redis_ok && kafka_ok;
  std::string kafka_detail
    = brokers_down   ? "all brokers down; librdkafka keeps retrying"
      : assigned > 0 ? std::to_string(assigned) + " partitions assigned"
                     : "no partitions assigned yet";
  // Replaying partitions serve their former owner's lists meanwhile: not a
  // reason to turn unready, but worth saying.
  auto replaying = board_->latest()->total<partition_figures>(
    [](const partition_figures& f) { return f.replay_left > 0 ? 1 : 0; });
  if (replaying > 0 && !brokers_down)
    kafka_detail += "; replaying " + std::to_string(replaying) + " partitions";
  // The error leaves the address to whoever reports it.
  std::string redis_detail = redis_ok ? "reachable"
                                      : reader_->address() + ": "
                                          + describe_error(redis_error);
  // The first failing check, in the order an operator fixes them.
  if (!redis_ok)
    out.reason = "Redis unreachable: " + redis_detail;
  else if (!running)
    out.reason = phase_name(phase);
  else if (!kafka_ok)
    out.reason = "Kafka: " + kafka_detail;
  out.status = out.ready ? "ok" : running ? "degraded" : phase_name(phase);
  out.checks = {{"pipeline", {{"ok", running}, {"detail", phase_name(phase)}}},
                {"redis", {{"ok", redis_ok}, {"detail", redis_detail}}},
                {"kafka", {{"ok", kafka_ok}, {"detail", kafka_detail}}}};
  auto mismatches = board_->latest()->total<shard_figures>(
    [](const shard_figures& f) { return f.snowflake_mismatches; });
  if (mismatches > 0)
    out.warnings.push_back(
      std::to_string(mismatches)
      + " articles have a createdAt further than shards.clock-skew from "
        "their id's Snowflake time: if article ids are not Snowflakes, set "
        "shards.snowflake-article-ids=false, or counts that arrive before "
        "their article are lost as late");
  return out;
}

http_answer http_api::serve_health() {
  auto report = check_health();
  json body{{"status", report.status},
            {"live", true},
            {"ready", report.ready},
            {"checks", report.checks}};
  if (!report.reason.empty())
    body["reason"] = report.reason;
  if (!report.warnings.empty())
    body["warnings"] = report.warnings;
  return json_answer(report.ready ? 200 : 503, body);
}

std::string http_api::render_all_metrics() {
  auto text = render_metrics(*board_->latest());
  if (dead_letters_)
    text += render_dead_letter_metrics(*dead_letters_);
  text += meter_.render();
  if (auto process = read_process_figures())
    text += render_process_metrics(*process);
  text += "# HELP hot_articles_build_info The running version, as a label "
          "of a constant 1.\n# TYPE hot_articles_build_info gauge\n"
          "hot_articles_build_info{version=\"";
  text += version();
  text += "\"} 1\n";
  text += "# HELP hot_articles_ready 1 while /health answers ready.\n"
          "# TYPE hot_articles_ready gauge\nhot_articles_ready ";
  text += check_health().ready ? "1\n" : "0\n";
  return text;
}

std::optional<std::string>
http_api::list_key(const api_request& matched) const {
  auto now = now_instant();
  switch (matched.route) {
    case api_route::day_list:
      return "date " + matched.day->to_string();
    case api_route::current:
      return "current " + calendar_.last_sealed_at(now).to_string();
    case api_route::recent:
      return "recent " + calendar_.day_at(now).to_string();
    case api_route::board_day_list:
      return "board " + to_string(*matched.board) + " date "
             + matched.day->to_string();
    case api_route::board_recent:
      return "board " + to_string(*matched.board) + " recent "
             + calendar_.day_at(now).to_string();
    default:
      return std::nullopt;
  }
}

// Every request is routed here: the route table is one pure function (the
// fuzz target's), and no regex runs on an attacker's path.
std::optional<http_answer> http_api::answer_at_once(const http_request& req) {
  auto matched = match_api_route(req.path);
  switch (matched.route) {
    case api_route::day_list:
    case api_route::current:
    case api_route::recent:
    case api_route::board_day_list:
    case api_route::board_recent:
      if (auto body = answers_.find(*list_key(matched)))
        return http_answer{200, "application/json", *body, {}};
      return std::nullopt;
    case api_route::bad_date:
      return error_answer(400,
                          "invalid date '" + matched.argument
                            + "': expected a possible date as yyyyMMdd, e.g. "
                            + calendar_.day_at(now_instant()).to_string());
    case api_route::bad_board:
      return error_answer(400, "invalid board id '" + matched.argument
                                 + "': expected a positive decimal integer "
                                   "(int64, no sign or leading zeros), e.g. "
                                   "42");
    case api_route::health:
    case api_route::metrics:
      return std::nullopt;
    case api_route::not_found:
      break;
  }
  return error_answer(
    404, "no route for GET " + req.path
           + "; the routes are /v1/hot-articles/articles/date/{yyyyMMdd}"
             ", /v1/hot-articles/articles/current"
             ", /v1/hot-articles/articles/recent"
             ", /v1/hot-articles/boards/{boardId}/articles/date/{yyyyMMdd}"
             ", /v1/hot-articles/boards/{boardId}/articles/recent"
             ", /health and /metrics");
}

http_answer http_api::answer(const http_request& req) {
  if (auto at_once = answer_at_once(req))
    return std::move(*at_once);
  auto matched = match_api_route(req.path);
  if (matched.route == api_route::health)
    return serve_health();
  if (matched.route == api_route::metrics)
    return http_answer{
      200, "text/plain; version=0.0.4", render_all_metrics(), {}};
  if (auto listed = list_answer(matched))
    return std::move(*listed);
  return error_answer(404, "no route for GET " + req.path);
}

// A list read from Redis, rendered and cached; an error for Redis becomes
// a 503 (not cached).
std::optional<http_answer> http_api::list_answer(const api_request& matched) {
  auto key = list_key(matched);
  if (!key)
    return std::nullopt;
  if (auto body = answers_.find(*key))
    return http_answer{200, "application/json", *body, {}};
  auto unavailable = [](const caf::error& err) {
    return error_answer(503, "Redis unavailable: " + describe_error(err));
  };
  auto now = now_instant();
  json built;
  if (matched.route == api_route::day_list) {
    auto list = reader_->read(*matched.day);
    if (!list)
      return unavailable(list.error());
    built = articles_json(*list);
  } else if (matched.route == api_route::current) {
    auto day = calendar_.last_sealed_at(now);
    auto list = reader_->read(day);
    if (!list)
      return unavailable(list.error());
    auto first = reader_->tracked_since();
    if (!first)
      return unavailable(first.error());
    std::string status = day_status(day, day, *first);
    built = json{{"date", day.to_string()},
                 {"final", status == "final"},
                 {"status", status},
                 {"articles", articles_json(*list)}};
  } else if (matched.route == api_route::board_day_list) {
    auto list = reader_->read_board(*matched.board, *matched.day);
    if (!list)
      return unavailable(list.error());
    built = articles_json(*list);
  } else {
    auto days = recent_days(calendar_.day_at(now));
    auto lists = matched.route == api_route::board_recent
                   ? reader_->read_board_days(*matched.board, days)
                   : reader_->read_days(days);
    if (!lists)
      return unavailable(lists.error());
    auto first = reader_->tracked_since();
    if (!first)
      return unavailable(first.error());
    built = recent_json(days, *lists, calendar_.last_sealed_at(now), *first);
  }
  auto body = std::make_shared<const std::string>(render_json(built));
  answers_.store(*key, body);
  return http_answer{200, "application/json", *body, {}};
}

caf::expected<uint16_t> http_api::start(const std::string& host,
                                        uint16_t port) {
  return server_.start(host, port);
}

void http_api::stop() {
  server_.stop();
}

} // namespace hot
