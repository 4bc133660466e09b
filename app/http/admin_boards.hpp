// The admin interface's views of the per-board lists, read from Redis.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "actors/redis/list_reader.hpp"
#include "app/http/http_answer.hpp"
#include "messages/day_calendar.hpp"

namespace hot {

/// {"rank", "articleId", "score", "title", "createdAt"}: a day view's row.
nlohmann::json ranked_json(size_t rank, article_id id, int64_t score,
                           const std::string& title,
                           const std::string& created_at);

/// days/{yyyyMMdd}?board=B&n=N: the board's list of the day as Redis holds
/// it, its first `n`; 400 for a board that is no positive int64.
http_answer board_day_answer(list_reader& reader, const day_calendar& calendar,
                             day_key day, const std::string& board_text,
                             size_t n);

/// boards/{yyyyMMdd}?n=N: the day's `n` boards with the most articles, each
/// with its count and best article.
http_answer active_boards_answer(list_reader& reader,
                                 const std::string& day_text, size_t n);

} // namespace hot
