// One table of options read from the command line, the environment and a
// config file, in that order of precedence.
#include "app/daemon/option_table.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "app/daemon/config_file.hpp"
#include "common/duration.hpp"

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
               + format_duration(max) + " (e.g. 500ms, 30s, 5min, 1h, 10d)";
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
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      out.help = true;
      return {};
    }
    if (arg == "--check-config") {
      out.check_only = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0)
      return "unexpected argument " + in_quotes(arg)
             + " (options look like --group.key=value)";
    auto eq = arg.find('=');
    auto name = arg.substr(2, eq == std::string::npos ? eq : eq - 2);
    std::string text;
    if (eq != std::string::npos)
      text = arg.substr(eq + 1);
    else if (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0)
      text = args[++i];
    else
      return "--" + name + " needs a value";
    if (name == "config-file") {
      out.config_file = text;
      continue;
    }
    auto map = std::find_if(maps_.begin(), maps_.end(), [&](const auto& m) {
      return name.rfind(m.name + ".", 0) == 0;
    });
    if (map != maps_.end() && name.size() > map->name.size() + 1) {
      out.settings.map_entries[name.substr(map->name.size() + 1)] = text;
      continue;
    }
    if (!is_known(name))
      return "unknown option --" + name + " (see --help)";
    out.settings.values[name] = sourced{text, "--" + name};
  }
  return {};
}

option_table::layer option_table::read_environment(
  const std::map<std::string, std::string>& environment) const {
  layer out;
  for (const auto& o : options_)
    if (auto it = environment.find(env_name(o.name)); it != environment.end())
      out.values[o.name] = sourced{it->second, it->first};
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

std::string option_table::read_file(const std::string& path, bool required,
                                    layer& out) {
  if (!std::filesystem::exists(path))
    return required ? path + ": no such file" : std::string{};
  auto file = read_config_file(path);
  if (!file.error.empty())
    return path + ": " + file.error;
  config_file_ = path;
  for (const auto& setting : file.settings) {
    const auto& key = setting.name;
    auto map = std::find_if(maps_.begin(), maps_.end(),
                            [&](const auto& m) { return m.list_name == key; });
    if (map != maps_.end()) {
      auto bad = path + ": " + key + ": expected a list of \"name=value\"";
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
    if (!is_known(key))
      return path + ": unknown option " + key + " (see --help)";
    if (!setting.text)
      return path + ": " + key + ": expected a single value";
    out.values.emplace(key, sourced{*setting.text, path + ": " + key});
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
  command_line cli;
  if (auto err = read_args(args, cli); !err.empty() || cli.help)
    return outcome{cli.help, false, err};
  auto env = read_environment(environment);
  auto file = cli.config_file;
  if (!file)
    if (auto it = environment.find(env_prefix_ + "CONFIG_FILE");
        it != environment.end())
      file = it->second;
  layer from_file;
  if (auto err = read_file(file ? *file : default_file_, file.has_value(),
                           from_file);
      !err.empty())
    return outcome{false, false, err};
  if (auto err = apply(cli.settings, env, from_file); !err.empty())
    return outcome{false, false, err};
  return outcome{false, cli.check_only, {}};
}

bool option_table::is_known(const std::string& name) const {
  return std::any_of(options_.begin(), options_.end(),
                     [&](const auto& o) { return o.name == name; });
}

} // namespace hot
