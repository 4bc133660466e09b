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

namespace {

std::string in_quotes(const std::string& s) {
  return '"' + s + '"';
}

bool is_secret(const std::string& name) {
  return name.find("password") != std::string::npos
         || name.find("token") != std::string::npos;
}

} // namespace

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

void option_table::integer(std::string name, int64_t& target, int64_t min,
                           int64_t max, std::string description) {
  integer<int64_t>(std::move(name), target, min, max, std::move(description));
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

std::string
option_table::read_file(const std::string& path, bool required,
                        std::map<std::string, sourced>& values,
                        std::map<std::string, std::string>& map_entries) {
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
        map_entries.emplace(entry.substr(0, eq), entry.substr(eq + 1));
      }
      continue;
    }
    auto known = std::find_if(options_.begin(), options_.end(),
                              [&](const auto& o) { return o.name == key; });
    if (known == options_.end())
      return path + ": unknown option " + key + " (see --help)";
    if (!setting.text)
      return path + ": " + key + ": expected a single value";
    values.emplace(key, sourced{*setting.text, path + ": " + key});
  }
  return {};
}

option_table::outcome
option_table::load(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& environment) {
  std::map<std::string, sourced> cli;
  std::map<std::string, std::string> cli_maps;
  bool check_only = false;
  std::string file;
  bool file_required = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& arg = args[i];
    if (arg == "--help" || arg == "-h")
      return outcome{true, false, {}};
    if (arg == "--check-config") {
      check_only = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0)
      return outcome{false, false,
                     "unexpected argument " + in_quotes(arg)
                       + " (options look like --group.key=value)"};
    auto eq = arg.find('=');
    auto name = arg.substr(2, eq == std::string::npos ? eq : eq - 2);
    std::string text;
    if (eq != std::string::npos) {
      text = arg.substr(eq + 1);
    } else if (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0) {
      text = args[++i];
    } else {
      return outcome{false, false, "--" + name + " needs a value"};
    }
    if (name == "config-file") {
      file = text;
      file_required = true;
      continue;
    }
    auto map = std::find_if(maps_.begin(), maps_.end(), [&](const auto& m) {
      return name.rfind(m.name + ".", 0) == 0;
    });
    if (map != maps_.end() && name.size() > map->name.size() + 1) {
      cli_maps[name.substr(map->name.size() + 1)] = text;
      continue;
    }
    auto known = std::find_if(options_.begin(), options_.end(),
                              [&](const auto& o) { return o.name == name; });
    if (known == options_.end())
      return outcome{false, false,
                     "unknown option --" + name + " (see --help)"};
    cli[name] = sourced{text, "--" + name};
  }
  std::map<std::string, sourced> env;
  std::map<std::string, std::string> env_maps;
  if (!file_required) {
    if (auto it = environment.find(env_prefix_ + "CONFIG_FILE");
        it != environment.end()) {
      file = it->second;
      file_required = true;
    }
  }
  for (const auto& o : options_)
    if (auto it = environment.find(env_name(o.name)); it != environment.end())
      env[o.name] = sourced{it->second, it->first};
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
      env_maps[entry] = val;
    }
  }
  std::map<std::string, sourced> from_file;
  std::map<std::string, std::string> file_maps;
  if (auto err = read_file(file_required ? file : default_file_, file_required,
                           from_file, file_maps);
      !err.empty())
    return outcome{false, false, err};
  for (auto& o : options_) {
    const sourced* chosen = nullptr;
    for (const auto* source : {&cli, &env, &from_file})
      if (auto it = source->find(o.name);
          chosen == nullptr && it != source->end())
        chosen = &it->second;
    if (chosen == nullptr)
      continue;
    if (auto err = o.assign(chosen->text); !err.empty()) {
      auto shown = is_secret(o.name) ? std::string{} : "=" + chosen->text;
      return outcome{false, false, chosen->origin + shown + ": " + err};
    }
    o.origin = chosen->origin;
  }
  // Maps merge entry by entry, with the same precedence.
  for (auto& m : maps_)
    for (const auto* source : {&file_maps, &env_maps, &cli_maps})
      for (const auto& [key, val] : *source)
        (*m.target)[key] = val;
  return outcome{false, check_only, {}};
}

std::string option_table::effective() const {
  std::ostringstream out;
  for (const auto& o : options_) {
    // Secrets are shown as set or not, never their value.
    auto shown = o.show();
    if (is_secret(o.name) && shown != in_quotes(""))
      shown = "<set>";
    out << o.name << " = " << shown << "  (" << o.origin << ")\n";
  }
  for (const auto& m : maps_)
    for (const auto& [key, val] : *m.target)
      out << m.name << "." << key << " = " << in_quotes(val) << "\n";
  return out.str();
}

std::string option_table::help(std::string_view usage) const {
  std::ostringstream out;
  out << usage << "\n\n  --help                                    this text\n"
      << "  --check-config                            read and check the "
         "configuration, print it, exit\n"
      << "  --config-file=<path>                      the config file\n"
      << "\nEvery option can also come from the environment as " << env_prefix_
      << "<NAME> (upper case, '.' and '-' as '_') or from the "
      << "config file (--config-file, or " << env_prefix_
      << "CONFIG_FILE, or ./" << default_file_
      << " when present; CAF INI format: [group] key=value, strings in "
         "quotes). Precedence: command line, environment, config file, "
         "default.\n";
  std::string group;
  for (const auto& o : options_) {
    auto dot = o.name.find('.');
    auto g = o.name.substr(0, dot);
    if (g != group) {
      out << "\n" << g << ":\n";
      group = g;
    }
    std::string flag = "  --" + o.name + "=<" + o.type + ">";
    out << flag;
    if (flag.size() < 44)
      out << std::string(44 - flag.size(), ' ');
    else
      out << "\n" << std::string(44, ' ');
    out << o.description << " (default " << o.default_text << ")\n";
  }
  for (const auto& m : maps_)
    out << "  --" << m.name << ".<name>=<value>\n"
        << std::string(44, ' ') << m.description << "\n"
        << std::string(44, ' ') << "(environment " << env_name(m.name)
        << "_<NAME>, config file " << m.list_name
        << "=[\"name=value\", ...])\n";
  return out.str();
}

} // namespace hot
