// The console's command line: where the daemon is, and what to print.
#include "app/console/console_options.hpp"

#include <cstdlib>

#include "common/arg_parser.hpp"

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
  enum spec_index : size_t { admin, token, once, json };
  static const std::vector<arg_spec> specs{
    {"admin"}, {"token"}, {"once", false}, {"json", false}};
  options_outcome out;
  auto& o = out.options;
  if (env_token != nullptr)
    o.token = env_token;
  auto parsed = parse_args(args, specs, arg_rules{true, true});
  out.error = parsed.error;
  o.help = parsed.help;
  o.version = parsed.version;
  if (!out.error.empty() || o.help || o.version)
    return out;
  for (const auto& given : parsed.options) {
    switch (given.spec) {
      case admin: {
        auto endpoint = parse_endpoint(given.value);
        if (!endpoint) {
          out.error = "--admin expects HOST:PORT, e.g. 127.0.0.1:8081, got '"
                      + given.value + "'";
          return out;
        }
        o.admin = *endpoint;
        break;
      }
      case token:
        if (given.value.empty()) {
          out.error = "--token expects the daemon's admin.token, not an empty "
                      "value";
          return out;
        }
        o.token = given.value;
        break;
      case once:
        o.once = true;
        break;
      default:
        o.json = true;
    }
  }
  o.command = std::move(parsed.operands);
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
  --help, -h         this text
  --version, -V      print the version and exit

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
