// One table of options read from the command line, the environment and a
// config file, in that order of precedence.
#include "app/daemon/option_table.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "app/daemon/config_file.hpp"
#include "common/arg_parser.hpp"
#include "common/duration.hpp"
#include "common/spelling.hpp"

namespace hot {

std::string option_table::in_quotes(const std::string& s) {
  return '"' + s + '"';
}

bool option_table::is_secret(const std::string& name) {
  return name.find("password") != std::string::npos
         || name.find("token") != std::string::npos;
}

option_table::option_table(std::string env_prefix, std::string default_file)
  : env_prefix_(std::move(env_prefix)), default_file_(std::move(default_file)) {
}

void option_table::add(std::string name, std::string type,
                       std::string default_text, std::string description,
                       assign_fn assign, show_fn show) {
  options_.push_back(option{std::move(name), std::move(type),
                            std::move(default_text), std::move(description),
                            std::move(assign), std::move(show)});
}

void option_table::text(std::string name, std::string& target,
                        std::string description) {
  add(
    std::move(name), "text", in_quotes(target), std::move(description),
    [&target](const std::string& s) {
      target = s;
      return std::string{};
    },
    [&target] { return in_quotes(target); });
}

std::string option_table::parse_integer(const std::string& text, int64_t min,
                                        int64_t max, int64_t& out) {
  auto wanted = "an integer from " + std::to_string(min) + " to "
                + std::to_string(max);
  if (text.empty())
    return "expected " + wanted;
  char* end = nullptr;
  errno = 0;
  auto value = std::strtoll(text.c_str(), &end, 10);
  if (*end != '\0' || errno == ERANGE || value < min || value > max)
    return "expected " + wanted;
  out = value;
  return {};
}

void option_table::number(std::string name, double& target, double min,
                          double max, std::string description) {
  std::ostringstream def;
  def << target;
  add(
    std::move(name), "number", def.str(), std::move(description),
    [&target, min, max](const std::string& s) {
      char* end = nullptr;
      auto value = std::strtod(s.c_str(), &end);
      if (s.empty() || *end != '\0' || !(value >= min && value <= max)) {
        std::ostringstream msg;
        msg << "expected a number from " << min << " to " << max;
        return msg.str();
      }
      target = value;
      return std::string{};
    },
    [&target] {
      std::ostringstream shown;
      shown << target;
      return shown.str();
    });
}

void option_table::boolean(std::string name, bool& target,
                           std::string description) {
  add(
    std::move(name), "bool", target ? "true" : "false", std::move(description),
    [&target](const std::string& s) {
      if (s == "true" || s == "yes" || s == "1") {
        target = true;
      } else if (s == "false" || s == "no" || s == "0") {
        target = false;
      } else {
        return std::string{"expected true or false"};
      }
      return std::string{};
    },
    [&target] { return std::string{target ? "true" : "false"}; });
}

namespace {

// "(e.g. 500ms, 30s, 5min)": examples that are themselves in range.
std::string duration_examples(std::chrono::milliseconds min,
                              std::chrono::milliseconds max) {
  using namespace std::chrono_literals;
  std::vector<std::string> shown;
  for (std::chrono::milliseconds d : {500ms, 30000ms, 300000ms, 3600000ms,
                                      std::chrono::milliseconds{864000000}})
    if (d >= min && d <= max)
      shown.push_back(format_duration(d));
  if (shown.size() < 2
      && (shown.empty() || shown.back() != format_duration(max)))
    shown.push_back(format_duration(max));
  std::string out = " (e.g. ";
  for (size_t i = 0; i < shown.size(); ++i)
    out += (i == 0 ? "" : ", ") + shown[i];
  return out + ")";
}

} // namespace

void option_table::duration(std::string name, std::chrono::milliseconds& target,
                            std::chrono::milliseconds min,
                            std::chrono::milliseconds max,
                            std::string description) {
  add(
    std::move(name), "duration", format_duration(target),
    std::move(description),
    [&target, min, max](const std::string& s) {
      auto d = parse_duration(s);
      if (!d || *d < min || *d > max)
        return "expected a duration from " + format_duration(min) + " to "
               + format_duration(max) + duration_examples(min, max);
      target = *d;
      return std::string{};
    },
    [&target] { return format_duration(target); });
}

void option_table::text_map(std::string name, std::string list_name,
                            std::map<std::string, std::string>& target,
                            std::string description) {
  maps_.push_back(map_option{std::move(name), std::move(list_name),
                             std::move(description), &target});
}

std::string option_table::env_name(std::string_view option_name) const {
  std::string out = env_prefix_;
  for (char c : option_name)
    out += (c == '.' || c == '-')
             ? '_'
             : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string option_table::read_args(const std::vector<std::string>& args,
                                    command_line& out) const {
  // The specs' order: the two requests, then options, then families.
  std::vector<arg_spec> specs{{"config-file"}, {"check-config", false}};
  for (const auto& o : options_)
    specs.push_back(arg_spec{o.name});
  for (const auto& m : maps_)
    specs.push_back(arg_spec{m.name, true, false, true});
  auto parsed = parse_args(args, specs,
                           arg_rules{false, false,
                                     "options look like --group.key=value"});
  out.help = parsed.help;
  out.version = parsed.version;
  if (!parsed.error.empty() || parsed.help || parsed.version)
    return parsed.error;
  auto first_map = 2 + options_.size();
  for (const auto& given : parsed.options) {
    if (given.spec == 0) {
      out.config_file = given.value;
    } else if (given.spec == 1) {
      out.check_only = true;
    } else if (given.spec >= first_map) {
      const auto& m = maps_[given.spec - first_map];
      out.settings.map_entries[given.name.substr(m.name.size() + 1)]
        = given.value;
    } else {
      out.settings.values[given.name]
        = sourced{given.value, "--" + given.name, {}};
    }
  }
  return {};
}

option_table::layer option_table::read_environment(
  const std::map<std::string, std::string>& environment) const {
  layer out;
  for (const auto& o : options_)
    if (auto it = environment.find(env_name(o.name)); it != environment.end())
      out.values[o.name] = sourced{it->second, it->first, {}};
  for (const auto& m : maps_) {
    auto prefix = env_name(m.name) + "_";
    for (const auto& [key, val] : environment) {
      if (key.rfind(prefix, 0) != 0 || key.size() == prefix.size())
        continue;
      std::string entry;
      for (char c : key.substr(prefix.size()))
        entry += c == '_' ? '.'
                          : static_cast<char>(
                            std::tolower(static_cast<unsigned char>(c)));
      out.map_entries[entry] = val;
    }
  }
  return out;
}

std::vector<std::string> option_table::stray_variables(
  const std::map<std::string, std::string>& environment) const {
  std::vector<std::string> known{env_prefix_ + "CONFIG_FILE"};
  for (const auto& o : options_)
    known.push_back(env_name(o.name));
  auto is_known_name = [&](const std::string& key) {
    return std::find(known.begin(), known.end(), key) != known.end()
           || std::find(foreign_variables_.begin(), foreign_variables_.end(),
                        key)
                != foreign_variables_.end()
           || std::any_of(maps_.begin(), maps_.end(), [&](const auto& m) {
                auto prefix = env_name(m.name) + "_";
                return key.size() > prefix.size() && key.rfind(prefix, 0) == 0;
              });
  };
  // Compared without the prefix, which every name shares.
  std::vector<std::string> suffixes;
  for (const auto& name : known)
    suffixes.push_back(name.substr(env_prefix_.size()));
  std::vector<std::string> out;
  for (const auto& entry : environment) {
    const auto& key = entry.first;
    if (key.rfind(env_prefix_, 0) != 0 || is_known_name(key))
      continue;
    auto suffix = key.substr(env_prefix_.size());
    auto line = key + " names no setting and is ignored";
    if (auto meant = likely_meant(suffix, suffixes))
      line += " (did you mean " + env_prefix_ + *meant + "?)";
    else if (auto nearest = closest_name(suffix, suffixes))
      line += " (the closest is " + env_prefix_ + *nearest + "; see --help)";
    out.push_back(std::move(line));
  }
  return out;
}

namespace {

std::string place(const std::string& path, size_t line) {
  return line == 0 ? path : path + ", line " + std::to_string(line);
}

} // namespace

std::string option_table::file_problem(const std::string& path,
                                       const ini_problem& problem) const {
  auto out = place(path, problem.line) + ": ";
  if (!problem.key.empty())
    out += problem.key + ": ";
  out += problem.what;
  if (!problem.dotted_key)
    return out;
  // Name the form that works: a family's list, or a section per group.
  for (const auto& m : maps_)
    if (problem.key.rfind(m.name + ".", 0) == 0) {
      auto dot = m.list_name.rfind('.');
      return out + "; " + m.name + ".* settings are written as a list: ["
             + m.list_name.substr(0, dot) + "] " + m.list_name.substr(dot + 1)
             + "=[\"" + problem.key.substr(m.name.size() + 1) + "="
             + problem.value + "\"]";
    }
  auto dot = problem.key.rfind('.');
  return out + "; write the group as a section: [" + problem.key.substr(0, dot)
         + "] and then " + problem.key.substr(dot + 1) + "=...";
}

std::string option_table::read_file(const std::string& path, bool required,
                                    layer& out) {
  if (!std::filesystem::exists(path))
    return required ? path + ": no such file" : std::string{};
  auto file = read_config_file(path);
  if (file.error)
    return file_problem(path, *file.error);
  config_file_ = path;
  for (const auto& setting : file.settings) {
    const auto& key = setting.name;
    auto where = place(path, setting.line);
    auto map = std::find_if(maps_.begin(), maps_.end(),
                            [&](const auto& m) { return m.list_name == key; });
    if (map != maps_.end()) {
      auto bad = where + ": " + key + ": expected a list of \"name=value\"";
      if (!setting.list)
        return bad;
      for (const auto& entry : *setting.list) {
        auto eq = entry.find('=');
        if (eq == std::string::npos || eq == 0)
          return bad;
        out.map_entries.emplace(entry.substr(0, eq), entry.substr(eq + 1));
      }
      continue;
    }
    if (!is_known(key)) {
      std::vector<std::string> names;
      for (const auto& o : options_)
        names.push_back(o.name);
      auto meant = likely_meant(key, names);
      return where + ": unknown option " + key
             + (meant ? " (did you mean " + *meant + "?)" : " (see --help)");
    }
    if (!setting.text)
      return where + ": " + key + ": expected a single value";
    out.values.emplace(key, sourced{*setting.text, where + ": " + key, where});
  }
  return {};
}

std::string option_table::apply(const layer& cli, const layer& env,
                                const layer& file) {
  for (auto& o : options_) {
    const sourced* chosen = nullptr;
    for (const auto* source : {&cli, &env, &file})
      if (auto it = source->values.find(o.name);
          chosen == nullptr && it != source->values.end())
        chosen = &it->second;
    if (chosen == nullptr)
      continue;
    if (auto err = o.assign(chosen->text); !err.empty()) {
      auto shown = is_secret(o.name) ? std::string{} : "=" + chosen->text;
      return chosen->origin + shown + ": " + err;
    }
    o.origin = chosen->origin;
    o.file_place = chosen->file_place;
  }
  // Maps merge entry by entry, with the same precedence.
  for (auto& m : maps_)
    for (const auto* source : {&file, &env, &cli})
      for (const auto& [key, val] : source->map_entries)
        (*m.target)[key] = val;
  return {};
}

option_table::outcome
option_table::load(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& environment) {
  outcome out;
  command_line cli;
  out.error = read_args(args, cli);
  out.help = cli.help;
  out.version = cli.version;
  if (!out.error.empty() || out.help || out.version)
    return out;
  auto env = read_environment(environment);
  auto file = cli.config_file;
  if (!file)
    if (auto it = environment.find(env_prefix_ + "CONFIG_FILE");
        it != environment.end())
      file = it->second;
  layer from_file;
  out.error = read_file(file ? *file : default_file_, file.has_value(),
                        from_file);
  if (out.error.empty())
    out.error = apply(cli.settings, env, from_file);
  if (!out.error.empty())
    return out;
  from_command_line_ = cli.settings.values.size()
                       + cli.settings.map_entries.size();
  from_environment_ = env.values.size() + env.map_entries.size();
  out.check_only = cli.check_only;
  out.warnings = stray_variables(environment);
  return out;
}

std::string option_table::sources() const {
  auto counted = [](size_t n, const char* one, const char* many) {
    return " + " + std::to_string(n) + " " + (n == 1 ? one : many);
  };
  std::string out = "defaults";
  if (from_command_line_ > 0)
    out += counted(from_command_line_, "command-line option",
                   "command-line options");
  if (from_environment_ > 0)
    out += counted(from_environment_, "environment variable",
                   "environment variables");
  if (!config_file_.empty())
    out += " + file " + config_file_;
  return out;
}

void option_table::foreign_variable(std::string name) {
  foreign_variables_.push_back(std::move(name));
}

std::string option_table::file_place(const std::string& name) const {
  auto o = std::find_if(options_.begin(), options_.end(),
                        [&](const auto& x) { return x.name == name; });
  return o == options_.end() || o->file_place.empty() ? std::string{}
                                                      : o->file_place + ": ";
}

bool option_table::is_known(const std::string& name) const {
  return std::any_of(options_.begin(), options_.end(),
                     [&](const auto& o) { return o.name == name; });
}

} // namespace hot
