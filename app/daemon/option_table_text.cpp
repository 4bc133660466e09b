// The option table's two printouts: --help and --check-config.
#include <sstream>

#include "app/daemon/option_table.hpp"

namespace hot {

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
  out << usage << "\n\n  --help, -h                                this text\n"
      << "  --version, -V                             print the version, "
         "exit\n"
      << "  --check-config                            read and check the "
         "configuration, print it, exit\n"
      << "  --config-file=<path>                      the config file\n"
      << "\nEvery option can also come from the environment as " << env_prefix_
      << "<NAME> (upper case, '.' and '-' as '_') or from the "
      << "config file (--config-file, or " << env_prefix_
      << "CONFIG_FILE, or ./" << default_file_
      << " when present; CAF INI format: [group] key=value, strings in "
         "quotes, comments after ';' or a leading '#'). Precedence: command "
         "line, environment, config file, "
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
