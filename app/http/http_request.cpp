// A request as the routes see it.
#include "app/http/http_request.hpp"

#include <algorithm>
#include <cctype>

namespace hot {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

bool same_text_any_case(std::string_view a, std::string_view b) {
  return a.size() == b.size()
         && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
              return std::tolower(static_cast<unsigned char>(x))
                     == std::tolower(static_cast<unsigned char>(y));
            });
}

} // namespace

std::string decode_url(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::optional<std::string> http_request::param(std::string_view name) const {
  for (const auto& [key, value] : params)
    if (key == name)
      return value;
  return std::nullopt;
}

std::string http_request::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (same_text_any_case(key, name))
      return value;
  return {};
}

http_request http_request::from_target(std::string method,
                                       std::string_view target) {
  http_request out;
  out.method = std::move(method);
  auto query_at = target.find('?');
  out.path = decode_url(target.substr(0, query_at), false);
  if (query_at == std::string_view::npos)
    return out;
  auto query = target.substr(query_at + 1);
  while (!query.empty()) {
    auto end = query.find('&');
    auto pair = query.substr(0, end);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      auto key = pair.substr(0, eq);
      auto value = eq == std::string_view::npos ? std::string_view{}
                                                : pair.substr(eq + 1);
      out.params.emplace_back(decode_url(key, true), decode_url(value, true));
    }
    if (end == std::string_view::npos)
      break;
    query.remove_prefix(end + 1);
  }
  return out;
}

} // namespace hot
