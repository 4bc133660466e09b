// Reading a CAF INI config file into dotted settings.
#include "app/daemon/config_file.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <caf/actor_system_config.hpp>
#include <caf/config_value.hpp>
#include <caf/settings.hpp>

#include "common/duration.hpp"

namespace hot {

namespace {

// A config file value as the text a command line would carry.
bool file_text(const caf::config_value& v, std::string& out) {
  if (auto s = caf::get_if<std::string>(&v)) {
    out = *s;
  } else if (auto i = caf::get_if<caf::config_value::integer>(&v)) {
    out = std::to_string(*i);
  } else if (auto b = caf::get_if<bool>(&v)) {
    out = *b ? "true" : "false";
  } else if (auto r = caf::get_if<double>(&v)) {
    out = std::to_string(*r);
  } else if (auto t = caf::get_if<caf::timespan>(&v)) {
    out = format_duration(
      std::chrono::duration_cast<std::chrono::milliseconds>(*t));
  } else {
    return false;
  }
  return true;
}

// Every leaf key of the file, dotted: "kafka.topics.article".
void leaves(
  const caf::settings& xs, const std::string& prefix,
  std::vector<std::pair<std::string, const caf::config_value*>>& out) {
  for (const auto& [key, v] : xs) {
    auto name = prefix.empty() ? key : prefix + "." + key;
    if (auto dict = caf::get_if<caf::settings>(&v))
      leaves(*dict, name, out);
    else
      out.emplace_back(name, &v);
  }
}

// The number after `"key" = ` in CAF's rendering, or "?".
std::string number_after(const std::string& text, const std::string& key) {
  auto at = text.find("\"" + key + "\" = ");
  if (at == std::string::npos)
    return "?";
  auto begin = at + key.size() + 5;
  auto end = text.find_first_not_of("0123456789", begin);
  return text.substr(begin, end - begin);
}

ini_problem plain_problem(size_t line, std::string what) {
  ini_problem out;
  out.line = line;
  out.what = std::move(what);
  return out;
}

// What CAF says, for a mistake the line scan did not recognize.
ini_problem caf_problem(const caf::error& err) {
  // CAF renders parser_error(unexpected_character, ({"column" = 10,
  // "line" = 2})); say it plainly.
  auto text = caf::actor_system_config::render(err);
  const std::string prefix = "parser_error(";
  if (text.rfind(prefix, 0) != 0)
    return plain_problem(0, text);
  auto what = text.substr(prefix.size(),
                          text.find(',', prefix.size()) - prefix.size());
  std::replace(what.begin(), what.end(), '_', ' ');
  auto line = std::strtoul(number_after(text, "line").c_str(), nullptr, 10);
  return plain_problem(line,
                       what + " at column " + number_after(text, "column"));
}

} // namespace

file_contents read_config_file(const std::string& path) {
  file_contents out;
  std::ifstream file{path};
  if (!file) {
    out.error = plain_problem(0, "cannot be read");
    return out;
  }
  std::ostringstream content;
  content << file.rdbuf();
  auto scan = scan_ini(content.str());
  std::istringstream scanned{scan.text};
  auto parsed = caf::actor_system_config::parse_config(scanned);
  if (!parsed) {
    // The scan names the key and the fix; CAF's own position is often a
    // line late, where it noticed.
    out.error = scan.problem ? *scan.problem : caf_problem(parsed.error());
    return out;
  }
  std::vector<std::pair<std::string, const caf::config_value*>> found;
  leaves(*parsed, "", found);
  for (const auto& [name, v] : found) {
    file_setting setting;
    setting.name = name;
    if (auto at = scan.lines.find(name); at != scan.lines.end())
      setting.line = at->second;
    std::string text;
    if (file_text(*v, text)) {
      setting.text = text;
    } else if (auto list = caf::get_if<caf::config_value::list>(v)) {
      setting.list.emplace();
      for (const auto& item : *list)
        if (auto entry = caf::get_if<std::string>(&item))
          setting.list->push_back(*entry);
        else
          setting.list->push_back({}); // not text: rejected by the caller
    }
    out.settings.push_back(std::move(setting));
  }
  return out;
}

} // namespace hot
