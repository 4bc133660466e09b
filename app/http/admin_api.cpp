// The admin interface: what the console shows, over HTTP on loopback.
#include "app/http/admin_api.hpp"

#include <httplib.h>

#include <cerrno>
#include <cstdlib>

#include "app/error_text.hpp"
#include "app/http/admin_views.hpp"
#include "app/http/http_common.hpp"

namespace hot {

namespace {

using json = nlohmann::json;

constexpr auto dump_timeout = std::chrono::seconds{5};

// Same length first, then every byte: no early exit that leaks the token.
bool token_matches(const std::string& given, const std::string& token) {
  if (given.size() != token.size())
    return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < token.size(); ++i)
    diff |= static_cast<unsigned char>(given[i] ^ token[i]);
  return diff == 0;
}

size_t param_n(const httplib::Request& req, size_t fallback, size_t max) {
  if (!req.has_param("n"))
    return fallback;
  auto n = std::strtoull(req.get_param_value("n").c_str(), nullptr, 10);
  return n == 0 ? fallback : std::min<size_t>(n, max);
}

json ranked_json(size_t rank, article_id id, int64_t score,
                 const std::string& title, const std::string& created_at) {
  return {{"rank", rank},
          {"articleId", id.value()},
          {"score", score},
          {"title", title},
          {"createdAt", created_at}};
}

} // namespace

admin_api::admin_api(caf::actor_system& system, day_calendar calendar,
                     std::shared_ptr<stats_board> board,
                     std::shared_ptr<list_reader> reader, std::string token,
                     const http_limits& limits)
  : system_(system),
    board_(std::move(board)),
    reader_(std::move(reader)),
    token_(std::move(token)),
    calendar_(std::move(calendar)),
    started_(std::chrono::steady_clock::now()),
    server_(make_http_server(limits)) {
  install_routes();
}

admin_api::~admin_api() {
  stop();
}

void admin_api::attach(ranking_tasks_actor tasks) {
  std::lock_guard<std::mutex> guard{mutex_};
  directory_ = std::move(tasks);
}

std::optional<ranking_tasks_actor> admin_api::directory() {
  std::lock_guard<std::mutex> guard{mutex_};
  return directory_;
}

void admin_api::install_routes() {
  auto& svr = *server_;
  svr.set_pre_routing_handler(
    [this](const httplib::Request& req, httplib::Response& res) {
      if (refused_method(req, res))
        return httplib::Server::HandlerResponse::Handled;
      if (token_.empty()
          || token_matches(req.get_header_value("Authorization"),
                           "Bearer " + token_))
        return httplib::Server::HandlerResponse::Unhandled;
      send_error(res, 401, "missing or wrong bearer token");
      return httplib::Server::HandlerResponse::Handled;
    });
  // Views of the latest round of figures, stamped with their age.
  auto view = [this, &svr](const char* path, auto make) {
    svr.Get(path,
            [this, make](const httplib::Request& req, httplib::Response& res) {
              auto snapshot = board_->latest();
              auto doc = make(*snapshot, req);
              stamp(doc, *snapshot);
              send_json(res, 200, doc);
            });
  };
  view("/admin/v1/overview", [this](const stats_snapshot& s, const auto&) {
    std::chrono::duration<double> up = std::chrono::steady_clock::now()
                                       - started_;
    return overview_view(s, up.count());
  });
  view("/admin/v1/actors",
       [](const stats_snapshot& s, const auto&) { return actors_view(s); });
  view("/admin/v1/partitions",
       [](const stats_snapshot& s, const auto&) { return partitions_view(s); });
  view("/admin/v1/shards",
       [](const stats_snapshot& s, const auto&) { return shards_view(s); });
  view("/admin/v1/rankings",
       [](const stats_snapshot& s, const auto&) { return rankings_view(s); });
  view("/admin/v1/redis",
       [](const stats_snapshot& s, const auto&) { return redis_view(s); });
  svr.Get("/admin/v1/top", [this](const httplib::Request& req,
                                  httplib::Response& res) {
    auto by = req.has_param("by") ? req.get_param_value("by") : "mailbox";
    if (!is_top_order(by)) {
      send_error(res, 400,
                 "unknown sort key '" + by + "': by= takes one of "
                   + top_orders_text);
      return;
    }
    auto snapshot = board_->latest();
    auto doc = top_view(*snapshot, by, param_n(req, 10, 1000));
    stamp(doc, *snapshot);
    send_json(res, 200, doc);
  });
  svr.Get(R"(/admin/v1/actors/(.+))", [this](const httplib::Request& req,
                                             httplib::Response& res) {
    auto snapshot = board_->latest();
    auto name = httplib::detail::decode_url(req.matches[1].str(), false);
    if (const auto* a = snapshot->find(name)) {
      auto doc = actor_view(*snapshot, *a);
      stamp(doc, *snapshot);
      send_json(res, 200, doc);
    } else {
      send_error(res, 404, "no actor named '" + name + "'");
    }
  });
  svr.Get(R"(/admin/v1/articles/([^/]+))", [this](const httplib::Request& req,
                                                  httplib::Response& res) {
    auto text = req.matches[1].str();
    char* end = nullptr;
    errno = 0;
    auto id = std::strtoll(text.c_str(), &end, 10);
    // Out of range saturates to the largest id: refuse, not look that up.
    if (text.empty() || *end != '\0' || errno == ERANGE || id <= 0) {
      send_error(res, 400,
                 "invalid article id '" + text
                   + "': expected a positive integer");
      return;
    }
    auto dir = directory();
    if (!dir) {
      send_error(res, 503, "the pipeline is not running yet");
      return;
    }
    caf::scoped_actor self{system_};
    self->request(*dir, dump_timeout, caf::get_atom_v, article_id{id})
      .receive(
        [&](const article_view& v) {
          send_json(res, 200, article_state_view(v));
        },
        [&](caf::error& err) { send_error(res, 503, caf::to_string(err)); });
  });
  svr.Get(R"(/admin/v1/days/([^/]+))", [this](const httplib::Request& req,
                                              httplib::Response& res) {
    auto text = req.matches[1].str();
    auto day = day_key::parse(text);
    if (!day) {
      send_error(res, 400, "invalid day '" + text + "': expected yyyyMMdd");
      return;
    }
    auto n = static_cast<uint32_t>(param_n(req, 50, 10'000));
    auto dir = directory();
    if (!dir) {
      send_error(res, 503, "the pipeline is not running yet");
      return;
    }
    caf::scoped_actor self{system_};
    day_key sealed;
    self->request(*dir, dump_timeout, caf::get_atom_v, sealed_atom_v)
      .receive([&](day_key d) { sealed = d; }, [](caf::error&) {});
    if (*day <= sealed) {
      // A sealed day lives in Redis only: its list and reserve.
      auto lists = reader_->read_sealed(*day);
      if (!lists) {
        send_error(res, 503,
                   "Redis unavailable: " + describe_error(lists.error()));
        return;
      }
      auto articles = json::array();
      size_t rank = 1;
      for (const auto* part : {&lists->list, &lists->reserve})
        for (const auto& a : *part)
          articles.push_back(
            ranked_json(rank++, a.id, a.score, a.title, a.created_at));
      send_json(res, 200,
                {{"day", day->to_string()},
                 {"sealed", true},
                 {"source", "redis (list and reserve)"},
                 {"articles", std::move(articles)}});
      return;
    }
    self->request(*dir, dump_timeout, caf::get_atom_v, *day, n)
      .receive(
        [&](const std::vector<ranked_article>& ranked) {
          auto articles = json::array();
          size_t rank = 1;
          for (const auto& a : ranked)
            articles.push_back(ranked_json(rank++, a.id, a.score, a.title,
                                           a.created_at.to_iso()));
          send_json(res, 200,
                    {{"day", day->to_string()},
                     {"sealed", false},
                     {"source", "shards (live)"},
                     {"articles", std::move(articles)}});
        },
        [&](caf::error& err) { send_error(res, 503, caf::to_string(err)); });
  });
  install_fallbacks(svr);
}

void admin_api::stamp(json& doc, const stats_snapshot& s) const {
  auto now = now_instant();
  stamp_view(doc, s, now, time_zone_view(calendar_, now));
}

caf::expected<uint16_t> admin_api::start(const std::string& host,
                                         uint16_t port) {
  return start_http_server(*server_, thread_, host, port);
}

void admin_api::stop() {
  stop_http_server(*server_, thread_);
}

} // namespace hot
