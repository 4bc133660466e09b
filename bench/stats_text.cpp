// What servers say about themselves in text, read into numbers.
#include "bench/stats_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

namespace hot::bench {

namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  while (!text.empty()
         && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  return text;
}

int64_t whole_number(std::string_view text) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(),
                                   value);
  return ec == std::errc{} && ptr == text.data() + text.size() ? value : 0;
}

/// Calls each line of `text` without its line break.
template <class F>
void each_line(std::string_view text, F&& f) {
  while (!text.empty()) {
    auto end = text.find('\n');
    f(trimmed(text.substr(0, end)));
    if (end == std::string_view::npos)
      break;
    text.remove_prefix(end + 1);
  }
}

} // namespace

info_fields parse_info(std::string_view text) {
  info_fields out;
  each_line(text, [&out](std::string_view line) {
    auto colon = line.find(':');
    if (line.empty() || line.front() == '#' || colon == std::string_view::npos)
      return;
    out[std::string{line.substr(0, colon)}]
      = std::string{line.substr(colon + 1)};
  });
  return out;
}

int64_t info_number(const info_fields& info, const std::string& field) {
  auto it = info.find(field);
  return it == info.end() ? 0 : whole_number(it->second);
}

double info_decimal(const info_fields& info, const std::string& field) {
  auto it = info.find(field);
  if (it == info.end() || it->second.empty())
    return 0;
  char* end = nullptr;
  auto value = std::strtod(it->second.c_str(), &end);
  return *end == '\0' ? value : 0;
}

int64_t info_part(const info_fields& info, const std::string& field,
                  const std::string& part) {
  auto it = info.find(field);
  if (it == info.end())
    return 0;
  std::string_view rest = it->second;
  while (!rest.empty()) {
    auto item = rest.substr(0, rest.find(','));
    auto equals = item.find('=');
    if (equals != std::string_view::npos && item.substr(0, equals) == part)
      return whole_number(item.substr(equals + 1));
    if (item.size() == rest.size())
      break;
    rest.remove_prefix(item.size() + 1);
  }
  return 0;
}

std::map<std::string, int64_t> command_calls(const info_fields& info) {
  static const std::string prefix = "cmdstat_";
  std::map<std::string, int64_t> out;
  for (auto it = info.lower_bound(prefix);
       it != info.end() && it->first.rfind(prefix, 0) == 0; ++it)
    out[it->first.substr(prefix.size())] = info_part(info, it->first, "calls");
  return out;
}

std::string key_family(std::string_view key) {
  std::string out;
  constexpr std::string_view separator = "::";
  while (true) {
    auto end = key.find(separator);
    auto segment = key.substr(0, end);
    bool digits = !segment.empty()
                  && std::all_of(segment.begin(), segment.end(), [](char c) {
                       return std::isdigit(static_cast<unsigned char>(c));
                     });
    out += digits ? std::string_view{"*"} : segment;
    if (end == std::string_view::npos)
      return out;
    out += separator;
    key.remove_prefix(end + separator.size());
  }
}

std::vector<metric_sample> metric_samples(std::string_view text,
                                          std::string_view name) {
  std::vector<metric_sample> out;
  each_line(text, [&](std::string_view line) {
    if (line.empty() || line.front() == '#'
        || line.substr(0, name.size()) != name)
      return;
    auto rest = line.substr(name.size());
    if (rest.empty() || (rest.front() != ' ' && rest.front() != '{'))
      return;
    std::string_view labels;
    if (rest.front() == '{') {
      auto close = rest.rfind('}');
      if (close == std::string_view::npos)
        return;
      labels = rest.substr(0, close + 1);
      rest.remove_prefix(close + 1);
    }
    rest = trimmed(rest);
    // A timestamp may follow the value.
    std::string value{rest.substr(0, rest.find(' '))};
    char* end = nullptr;
    auto number = std::strtod(value.c_str(), &end);
    if (!value.empty() && *end == '\0')
      out.push_back({std::string{labels}, number});
  });
  return out;
}

double metric_sum(std::string_view text, std::string_view name) {
  double sum = 0;
  for (const auto& sample : metric_samples(text, name))
    sum += sample.value;
  return sum;
}

} // namespace hot::bench
