// The reference service's per-event algorithm, re-implemented faithfully.
#include "bench/reference_run.hpp"

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "messages/local_datetime.hpp"
#include "messages/snowflake.hpp"

namespace hot::bench {

namespace {

using json = nlohmann::json;

std::optional<day_key> day_of(std::string_view iso) {
  local_datetime at;
  if (parse_iso_local_datetime(iso, at) != datetime_problem::none)
    return std::nullopt;
  return at.date();
}

std::string article_key(int64_t id, const char* what) {
  return "hot-article::article::" + std::to_string(id) + "::" + what;
}

class reference_service {
public:
  reference_service(redis_connection& redis, const day_calendar& calendar)
    : redis_(redis), calendar_(calendar) {
    auto now = now_instant();
    today_ = calendar.day_at(now);
    auto to_midnight = calendar.end_of(today_) - now;
    ttl_ms_ = std::to_string(std::max<int64_t>(
      1, std::chrono::duration_cast<std::chrono::milliseconds>(to_midnight)
           .count()));
  }

  void handle(const stored_message& msg) {
    // The reference's listener: Event.fromJson, then the handler by type.
    auto event = json::parse(msg.value);
    auto type = event.at("type").get<std::string>();
    const auto& payload = event.at("payload");
    if (type == "ARTICLE_CREATED") {
      auto id = payload.at("articleId").get<int64_t>();
      call({"SET", article_key(id, "created-time"),
            payload.at("createdAt").get<std::string>(), "PX", ttl_ms_});
    } else if (type == "ARTICLE_DELETED") {
      auto id = payload.at("articleId").get<int64_t>();
      auto created = day_of(payload.at("createdAt").get<std::string>());
      call({"ZREM", list_key(created ? *created : today_), std::to_string(id)});
      call({"DEL", article_key(id, "created-time")});
    } else if (type == "ARTICLE_LIKED" || type == "ARTICLE_UNLIKED") {
      count(payload, "like-count", "articleLikeCount");
    } else if (type == "COMMENT_CREATED" || type == "COMMENT_DELETED") {
      count(payload, "comment-count", "articleCommentCount");
    } else if (type == "ARTICLE_VIEWED") {
      count(payload, "view-count", "articleViewCount");
    }
  }

  uint64_t round_trips() const {
    return round_trips_;
  }

private:
  std::string list_key(day_key day) const {
    return "hot-article::list::" + day.to_string();
  }

  redis_reply call(const redis_command& command) {
    ++round_trips_;
    auto reply = redis_.call(command);
    if (!reply)
      throw std::runtime_error("reference: Redis failed: "
                               + caf::to_string(reply.error()));
    return std::move(*reply);
  }

  int64_t read_count(int64_t id, const char* what) {
    auto reply = call({"GET", article_key(id, what)});
    return reply->type == REDIS_REPLY_STRING ? std::stoll(reply->str) : 0;
  }

  void count(const json& payload, const char* what, const char* field) {
    auto id = payload.at("articleId").get<int64_t>();
    auto created = call({"GET", article_key(id, "created-time")});
    if (created->type != REDIS_REPLY_STRING)
      return;
    auto day = day_of(std::string_view{created->str, created->len});
    if (!day || *day != today_)
      return;
    call({"SET", article_key(id, what),
          std::to_string(payload.at(field).get<int64_t>()), "PX", ttl_ms_});
    auto score = read_count(id, "like-count") * 3 + read_count(id, "view-count")
                 + read_count(id, "comment-count") * 2;
    // HotArticleListRepository.add: one pipelined round trip.
    auto key = list_key(today_);
    redis_.append({"ZADD", key, std::to_string(score), std::to_string(id)});
    redis_.append({"ZREMRANGEBYRANK", key, "0", "-11"});
    redis_.append({"EXPIRE", key, std::to_string(10 * 24 * 3600)});
    ++round_trips_;
    if (!redis_.exchange())
      throw std::runtime_error("reference: Redis pipeline failed");
  }

  redis_connection& redis_;
  const day_calendar& calendar_;
  day_key today_;
  std::string ttl_ms_;
  uint64_t round_trips_ = 0;
};

} // namespace

reference_figures
run_reference(const std::vector<const stored_message*>& events,
              redis_connection& redis, const day_calendar& calendar) {
  reference_service service{redis, calendar};
  reference_figures out;
  auto start = std::chrono::steady_clock::now();
  for (const auto* msg : events)
    service.handle(*msg);
  out.seconds
    = std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
        .count();
  out.events = events.size();
  out.round_trips = service.round_trips();
  return out;
}

} // namespace hot::bench
