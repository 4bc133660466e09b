// Finding the name a user probably meant: "did you mean --redis.port?".
#include "common/spelling.hpp"

#include <algorithm>
#include <cctype>

namespace hot {

namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

} // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus a swap of two neighbours,
  // the commonest typo ("prot" for "port").
  std::vector<std::vector<size_t>> d(a.size() + 1,
                                     std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j]
        = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2])
          && lower(a[i - 2]) == lower(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& known) {
  std::optional<std::string> best;
  size_t best_distance = 0;
  for (const auto& candidate : known) {
    auto distance = edit_distance(name, candidate);
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::optional<std::string> likely_meant(std::string_view name,
                                        const std::vector<std::string>& known) {
  auto best = closest_name(name, known);
  if (best
      && edit_distance(name, *best) <= std::max<size_t>(2, name.size() / 4))
    return best;
  return std::nullopt;
}

std::string unknown_option_line(const std::string& shown, std::string_view name,
                                const std::vector<std::string>& known) {
  if (auto meant = likely_meant(name, known))
    return "unknown option " + shown + " (did you mean --" + *meant + "?)";
  return "unknown option " + shown + " (see --help)";
}

} // namespace hot
