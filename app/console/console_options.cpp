// The console's command line: where the daemon is, and what to print.
#include "app/console/console_options.hpp"

#include <cstdlib>

namespace hot::console {

namespace {

std::optional<uint16_t> parse_port(const std::string& text) {
  if (text.empty() || text.size() > 5
      || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  auto port = std::strtoul(text.c_str(), nullptr, 10);
  if (port == 0 || port > 65535)
    return std::nullopt;
  return static_cast<uint16_t>(port);
}

// "--name value" or "--name=value"; advances `i` past what it used.
std::optional<std::string> value_of(const std::vector<std::string>& args,
                                    size_t& i, const std::string& name) {
  const auto& arg = args[i];
  if (arg == name) {
    if (i + 1 >= args.size())
      return std::nullopt;
    return args[++i];
  }
  return arg.substr(name.size() + 1);
}

bool is_option(const std::string& arg, const std::string& name) {
  return arg == name || arg.rfind(name + "=", 0) == 0;
}

} // namespace

std::optional<admin_endpoint> parse_endpoint(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return std::nullopt;
  auto host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']')
      return std::nullopt;
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    return std::nullopt; // IPv6 needs brackets: "[::1]:8081".
  }
  auto port = parse_port(text.substr(colon + 1));
  if (!port)
    return std::nullopt;
  return admin_endpoint{host, *port};
}

options_outcome parse_options(const std::vector<std::string>& args,
                              const char* env_token) {
  options_outcome out;
  auto& o = out.options;
  if (env_token != nullptr)
    o.token = env_token;
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const auto& arg = args[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg == "--help" || arg == "-h") {
      o.help = true;
    } else if (arg == "--once") {
      o.once = true;
    } else if (arg == "--json") {
      o.json = true;
    } else if (is_option(arg, "--admin")) {
      auto value = value_of(args, i, "--admin");
      auto endpoint = value ? parse_endpoint(*value) : std::nullopt;
      if (!endpoint) {
        out.error = "--admin expects HOST:PORT, e.g. 127.0.0.1:8081";
        return out;
      }
      o.admin = *endpoint;
    } else if (is_option(arg, "--token")) {
      auto value = value_of(args, i, "--token");
      if (!value || value->empty()) {
        out.error = "--token expects the daemon's admin.token";
        return out;
      }
      o.token = *value;
    } else if (arg.size() > 1 && arg[0] == '-') {
      out.error = "unknown option " + arg + " (see --help)";
      return out;
    } else {
      break;
    }
  }
  o.command.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  if (!o.command.empty() || o.json)
    o.once = true;
  return out;
}

std::string usage_text() {
  return R"(usage: hot-articles-console [--admin HOST:PORT] [--token TOKEN]
                            [--once] [--json] [COMMAND [ARGS...]]

A live view of the hot-articles daemon's actors, read from its admin
interface (admin.host:admin.port; default 127.0.0.1:8081).

  --admin HOST:PORT  where the admin interface listens ([::1]:8081 for IPv6)
  --token TOKEN      the daemon's admin.token (default: the environment
                     variable HOT_ARTICLES_ADMIN_TOKEN)
  --once             print the overview, or COMMAND's answer, once and exit
  --json             print the daemon's JSON instead of text (implies --once)
  --help             this text

Without --once: the overview refreshes every second (q quits, m sorts
actors by mailbox, r by message rate, arrows scroll, : opens the command
line). Commands: actors, actor NAME, article ID, day YYYYMMDD [N],
partitions, shards, rankings, redis, top [mailbox|rate] [N], overview,
help, quit. A COMMAND after the options implies --once.

Exit status: 0 on success, 1 when the daemon is unreachable or answers an
error, 2 for bad usage.
)";
}

} // namespace hot::console
