// The admin interface: what the console shows, over HTTP on loopback.
#include "app/http/admin_api.hpp"

#include <cerrno>
#include <cstdlib>
#include <string_view>

#include "app/error_text.hpp"
#include "app/http/admin_boards.hpp"
#include "app/http/admin_views.hpp"

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

size_t param_n(const http_request& req, size_t fallback, size_t max) {
  auto text = req.param("n");
  if (!text)
    return fallback;
  auto n = std::strtoull(text->c_str(), nullptr, 10);
  return n == 0 ? fallback : std::min<size_t>(n, max);
}

// What follows `prefix` in `rest`: non-empty, and one segment unless
// `slashes` (actor names may hold them).
std::optional<std::string>
argument_after(std::string_view rest, std::string_view prefix, bool slashes) {
  if (rest.substr(0, prefix.size()) != prefix)
    return std::nullopt;
  auto argument = rest.substr(prefix.size());
  if (argument.empty()
      || (!slashes && argument.find('/') != std::string_view::npos))
    return std::nullopt;
  return std::string{argument};
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
    server_(limits,
            http_routes{[this](const http_request& req) { return answer(req); },
                        {}}) {
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

// Every route may wait (for an actor, or Redis): all run on workers.
http_answer admin_api::answer(const http_request& req) {
  if (!token_.empty()
      && !token_matches(req.header("Authorization"), "Bearer " + token_))
    return error_answer(401, "missing or wrong bearer token");
  constexpr std::string_view base = "/admin/v1/";
  std::string_view path{req.path};
  if (path.substr(0, base.size()) == base) {
    auto rest = path.substr(base.size());
    if (auto doc = figures_view(rest)) {
      return json_answer(200, *doc);
    } else if (rest == "top") {
      return top_answer(req);
    } else if (auto name = argument_after(rest, "actors/", true)) {
      return actor_answer(*name);
    } else if (auto id = argument_after(rest, "articles/", false)) {
      return article_answer(*id);
    } else if (auto day = argument_after(rest, "days/", false)) {
      return day_answer(*day, req);
    } else if (auto boards_day = argument_after(rest, "boards/", false)) {
      return active_boards_answer(*reader_, *boards_day,
                                  param_n(req, 10, 1000));
    }
  }
  return error_answer(404, "no route for " + req.method + " " + req.path);
}

// Views of the latest round of figures, stamped with their age.
std::optional<json> admin_api::figures_view(std::string_view name) {
  auto snapshot = board_->latest();
  const auto& s = *snapshot;
  json doc;
  if (name == "overview") {
    std::chrono::duration<double> up = std::chrono::steady_clock::now()
                                       - started_;
    doc = overview_view(s, up.count());
  } else if (name == "actors") {
    doc = actors_view(s);
  } else if (name == "partitions") {
    doc = partitions_view(s);
  } else if (name == "shards") {
    doc = shards_view(s);
  } else if (name == "rankings") {
    doc = rankings_view(s);
  } else if (name == "redis") {
    doc = redis_view(s);
  } else {
    return std::nullopt;
  }
  stamp(doc, s);
  return doc;
}

http_answer admin_api::top_answer(const http_request& req) {
  auto by = req.param("by").value_or("mailbox");
  if (!is_top_order(by))
    return error_answer(400, "unknown sort key '" + by + "': by= takes one of "
                               + top_orders_text);
  auto snapshot = board_->latest();
  auto doc = top_view(*snapshot, by, param_n(req, 10, 1000));
  stamp(doc, *snapshot);
  return json_answer(200, doc);
}

http_answer admin_api::actor_answer(const std::string& name) {
  auto snapshot = board_->latest();
  const auto* a = snapshot->find(name);
  if (!a)
    return error_answer(404, "no actor named '" + name + "'");
  auto doc = actor_view(*snapshot, *a);
  stamp(doc, *snapshot);
  return json_answer(200, doc);
}

http_answer admin_api::article_answer(const std::string& text) {
  char* end = nullptr;
  errno = 0;
  auto id = std::strtoll(text.c_str(), &end, 10);
  // Out of range saturates to the largest id: refuse, not look that up.
  if (text.empty() || *end != '\0' || errno == ERANGE || id <= 0)
    return error_answer(400, "invalid article id '" + text
                               + "': expected a positive integer");
  auto dir = directory();
  if (!dir)
    return error_answer(503, "the pipeline is not running yet");
  http_answer out;
  caf::scoped_actor self{system_};
  self->request(*dir, dump_timeout, caf::get_atom_v, article_id{id})
    .receive(
      [&](const article_view& v) {
        out = json_answer(200, article_state_view(v));
      },
      [&](caf::error& err) { out = error_answer(503, caf::to_string(err)); });
  return out;
}

http_answer admin_api::day_answer(const std::string& text,
                                  const http_request& req) {
  auto day = day_key::parse(text);
  if (!day)
    return error_answer(400, "invalid day '" + text + "': expected yyyyMMdd");
  auto n = static_cast<uint32_t>(param_n(req, 50, 10'000));
  if (auto board = req.param("board"))
    return board_day_answer(*reader_, calendar_, *day, *board, n);
  auto dir = directory();
  if (!dir)
    return error_answer(503, "the pipeline is not running yet");
  caf::scoped_actor self{system_};
  day_key sealed;
  self->request(*dir, dump_timeout, caf::get_atom_v, sealed_atom_v)
    .receive([&](day_key d) { sealed = d; }, [](caf::error&) {});
  if (*day <= sealed) {
    // A sealed day lives in Redis only: its list and reserve.
    auto lists = reader_->read_sealed(*day);
    if (!lists)
      return error_answer(503, "Redis unavailable: "
                                 + describe_error(lists.error()));
    auto articles = json::array();
    size_t rank = 1;
    for (const auto* part : {&lists->list, &lists->reserve})
      for (const auto& a : *part)
        articles.push_back(
          ranked_json(rank++, a.id, a.score, a.title, a.created_at));
    return json_answer(200, {{"day", day->to_string()},
                             {"sealed", true},
                             {"source", "redis (list and reserve)"},
                             {"articles", std::move(articles)}});
  }
  http_answer out;
  self->request(*dir, dump_timeout, caf::get_atom_v, *day, n)
    .receive(
      [&](const std::vector<ranked_article>& ranked) {
        auto articles = json::array();
        size_t rank = 1;
        for (const auto& a : ranked)
          articles.push_back(
            ranked_json(rank++, a.id, a.score, a.title, a.created_at.to_iso()));
        out = json_answer(200, {{"day", day->to_string()},
                                {"sealed", false},
                                {"source", "shards (live)"},
                                {"articles", std::move(articles)}});
      },
      [&](caf::error& err) { out = error_answer(503, caf::to_string(err)); });
  return out;
}

void admin_api::stamp(json& doc, const stats_snapshot& s) const {
  auto now = now_instant();
  stamp_view(doc, s, now, time_zone_view(calendar_, now));
}

caf::expected<uint16_t> admin_api::start(const std::string& host,
                                         uint16_t port) {
  return server_.start(host, port);
}

void admin_api::stop() {
  server_.stop();
}

} // namespace hot
