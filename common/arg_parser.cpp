// The daemon's command-line tokenizer, which the benchmark shares: options,
// flag families, operands, --help and --version, one wording per mistake.
// hot-articles-gen and hot-articles-console read theirs with CLI11 in the
// same words (common/cli_errors.hpp).
#include "common/arg_parser.hpp"

#include <algorithm>
#include <optional>

#include "common/spelling.hpp"

namespace hot {

namespace {

bool starts_with(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

std::optional<size_t> find_spec(const std::vector<arg_spec>& specs,
                                const std::string& name) {
  for (size_t i = 0; i < specs.size(); ++i) {
    const auto& s = specs[i];
    if (s.family ? name.size() > s.name.size() + 1
                     && starts_with(name, (s.name + ".").c_str())
                 : name == s.name)
      return i;
  }
  return std::nullopt;
}

std::string unknown_option(const std::string& shown, const std::string& name,
                           const std::vector<arg_spec>& specs) {
  std::vector<std::string> known{"help", "version"};
  for (const auto& s : specs)
    known.push_back(s.name);
  return unknown_option_line(shown, name, known);
}

} // namespace

parsed_args parse_args(const std::vector<std::string>& args,
                       const std::vector<arg_spec>& specs,
                       const arg_rules& rules) {
  parsed_args out;
  bool options_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& arg = args[i];
    bool is_option = !options_ended && arg.size() > 1 && arg[0] == '-';
    if (!options_ended && arg == "--") {
      options_ended = true;
      continue;
    }
    if (!is_option) {
      if (!rules.operands) {
        out.error = "unexpected argument \"" + arg + "\" (" + rules.operand_hint
                    + ")";
        return out;
      }
      out.operands.push_back(arg);
      options_ended = options_ended || rules.options_end_at_operand;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      out.help = true;
      return out;
    }
    if (arg == "-V" || arg == "--version") {
      out.version = true;
      return out;
    }
    if (!starts_with(arg, "--")) {
      out.error = unknown_option(arg, arg.substr(1), specs);
      return out;
    }
    auto eq = arg.find('=');
    auto name = arg.substr(2, eq == std::string::npos ? eq : eq - 2);
    auto shown = "--" + name;
    auto index = find_spec(specs, name);
    if (!index) {
      auto family = std::find_if(specs.begin(), specs.end(), [&](auto& s) {
        return s.family && (name == s.name || name == s.name + ".");
      });
      if (family != specs.end())
        out.error = "--" + family->name + " needs a name: --" + family->name
                    + ".<name>=<value>";
      else if (name == "help" || name == "version")
        out.error = shown + " takes no value";
      else
        out.error = unknown_option(shown, name, specs);
      return out;
    }
    const auto& spec = specs[*index];
    std::string value;
    if (!spec.takes_value) {
      if (eq != std::string::npos) {
        out.error = shown + " takes no value";
        return out;
      }
    } else if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size()
               && (spec.raw_value || !starts_with(args[i + 1], "--"))) {
      value = args[++i];
    } else {
      out.error = shown + " needs a value";
      return out;
    }
    out.options.push_back(arg_option{name, std::move(value), *index});
  }
  return out;
}

} // namespace hot
