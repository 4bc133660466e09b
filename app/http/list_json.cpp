// The JSON of the list routes, global and per board: the reference's array
// of articles, and the days of `recent` with where each stands.
#include "app/http/list_json.hpp"

#include <string>

namespace hot {

using json = nlohmann::json;

json articles_json(const std::vector<listed_article>& list) {
  auto out = json::array();
  for (const auto& a : list)
    // JavaScript reads numbers above 2^53 rounded: the text is exact.
    out.push_back({{"articleId", a.id.value()},
                   {"articleIdString", std::to_string(a.id.value())},
                   {"title", a.title},
                   {"createdAt", a.created_at},
                   {"score", a.score}});
  return out;
}

// Days before the deployment's first are unknown, not final with an empty
// list.
const char* day_status(day_key day, day_key sealed,
                       const std::optional<day_key>& tracked_since) {
  if (tracked_since && day < *tracked_since)
    return "unknown";
  return day <= sealed ? "final" : "open";
}

std::vector<day_key> recent_days(day_key today) {
  std::vector<day_key> out;
  for (int back = 0; back < 7; ++back)
    out.push_back(today.plus_days(-back));
  return out;
}

json recent_json(const std::vector<day_key>& days,
                 const std::vector<std::vector<listed_article>>& lists,
                 day_key sealed, const std::optional<day_key>& tracked_since) {
  auto out = json::array();
  for (size_t i = 0; i < days.size(); ++i) {
    std::string status = day_status(days[i], sealed, tracked_since);
    out.push_back({{"date", days[i].to_string()},
                   {"final", status == "final"},
                   {"status", status},
                   {"articles", articles_json(lists.at(i))}});
  }
  return json{{"days", std::move(out)}};
}

} // namespace hot
