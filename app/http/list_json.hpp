// The JSON of the list routes, global and per board: the reference's array
// of articles, and the days of `recent` with where each stands.
#pragma once

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "actors/redis/list_store.hpp"
#include "messages/day_key.hpp"

namespace hot {

/// The reference's list shape: [{articleId, articleIdString, title,
/// createdAt, score}], best first.
nlohmann::json articles_json(const std::vector<listed_article>& list);

/// "unknown" before the deployment's first day (`tracked_since`), else
/// "final" through `sealed` and "open" after.
const char* day_status(day_key day, day_key sealed,
                       const std::optional<day_key>& tracked_since);

/// Today and the six days before, newest first.
std::vector<day_key> recent_days(day_key today);

/// {"days": [{date, final, status, articles}]}, `lists` in the order of
/// `days`.
nlohmann::json
recent_json(const std::vector<day_key>& days,
            const std::vector<std::vector<listed_article>>& lists,
            day_key sealed, const std::optional<day_key>& tracked_since);

} // namespace hot
