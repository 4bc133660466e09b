// The admin interface's views of the per-board lists, read from Redis.
#include "app/http/admin_boards.hpp"

#include "app/error_text.hpp"
#include "app/http/api_route.hpp"

namespace hot {

namespace {

using json = nlohmann::json;

http_answer redis_unavailable(const caf::error& err) {
  return error_answer(503, "Redis unavailable: " + describe_error(err));
}

} // namespace

json ranked_json(size_t rank, article_id id, int64_t score,
                 const std::string& title, const std::string& created_at) {
  return {{"rank", rank},
          {"articleId", id.value()},
          {"score", score},
          {"title", title},
          {"createdAt", created_at}};
}

http_answer board_day_answer(list_reader& reader, const day_calendar& calendar,
                             day_key day, const std::string& board_text,
                             size_t n) {
  auto board = parse_board_id(board_text);
  if (!board)
    return error_answer(400, "invalid board id '" + board_text
                               + "': expected a positive integer, e.g. 42");
  // The board lists live in Redis only, open days' as last flushed.
  auto list = reader.read_board(*board, day);
  if (!list)
    return redis_unavailable(list.error());
  auto articles = json::array();
  for (size_t i = 0; i < list->size() && i < n; ++i) {
    const auto& a = (*list)[i];
    articles.push_back(
      ranked_json(i + 1, a.id, a.score, a.title, a.created_at));
  }
  return json_answer(200,
                     {{"day", day.to_string()},
                      {"board", board->value()},
                      {"sealed", day <= calendar.last_sealed_at(now_instant())},
                      {"source", "redis (board list)"},
                      {"articles", std::move(articles)}});
}

http_answer active_boards_answer(list_reader& reader,
                                 const std::string& day_text, size_t n) {
  auto day = day_key::parse(day_text);
  if (!day)
    return error_answer(400,
                        "invalid day '" + day_text + "': expected yyyyMMdd");
  auto boards = reader.read_active_boards(*day, n);
  if (!boards)
    return redis_unavailable(boards.error());
  auto rows = json::array();
  for (const auto& b : *boards) {
    json top = nullptr;
    if (b.top)
      top = {{"articleId", b.top->id.value()},
             {"score", b.top->score},
             {"title", b.top->title}};
    rows.push_back({{"boardId", b.board.value()},
                    {"articles", b.articles},
                    {"top", std::move(top)}});
  }
  return json_answer(200, {{"day", day->to_string()}, {"boards", rows}});
}

} // namespace hot
