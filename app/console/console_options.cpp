// The console's command line: where the daemon is, and what to print.
#include "app/console/console_options.hpp"

#include <cstdlib>

#include <CLI/CLI.hpp>

#include "common/cli_errors.hpp"
#include "common/cli_help.hpp"

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

namespace {

/// The values CLI11 reads; checked and moved into console_options after.
struct given_options {
  std::optional<std::string> admin;
  std::optional<std::string> token;
};

void describe(CLI::App& app, console_options& o, given_options& given) {
  app.name("hot-articles-console");
  app.formatter(make_help_layout(
    "usage: hot-articles-console [--admin HOST:PORT] [--token TOKEN]\n"
    "                            [--once] [--json] [COMMAND [ARGS...]]"));
  app.description(
    "A live view of the hot-articles daemon's actors, read from its admin\n"
    "interface (admin.host:admin.port; default 127.0.0.1:8081).");
  app.footer(
    "Without --once: the overview refreshes every second (q quits, m sorts\n"
    "actors by mailbox, r by message rate, arrows scroll, : opens the "
    "command\nline). Commands: actors, actor NAME, article ID, day YYYYMMDD "
    "[N]\n[--board B], boards YYYYMMDD [N], partitions, shards, rankings, "
    "redis,\ntop [mailbox|rate] [N], overview, help, quit. A COMMAND after "
    "the options\nimplies --once.\n\n"
    "Exit status: 0 on success, 1 when the daemon is unreachable or answers "
    "an\nerror, 2 for bad usage.");
  app.option_defaults()
    ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
    ->disable_flag_override()
    ->group("options");
  app
    .add_option_function<std::string>(
      "--admin", [&given](const std::string& text) { given.admin = text; },
      "where the admin interface listens ([::1]:8081 for IPv6)")
    ->check(not_an_option())
    ->option_text("HOST:PORT");
  app
    .add_option_function<std::string>(
      "--token", [&given](const std::string& text) { given.token = text; },
      "the daemon's admin.token (default: the environment variable "
      "HOT_ARTICLES_ADMIN_TOKEN)")
    ->check(not_an_option())
    ->option_text("TOKEN");
  app.add_flag("--once", o.once,
               "print the overview, or COMMAND's answer, once and exit");
  app.add_flag("--json", o.json,
               "print the daemon's JSON instead of text (implies --once)");
  add_help_and_version(app, "this text");
  // The first word that is not an option starts the command: it and every
  // word after it are the command's, "--once" included.
  app.add_option("COMMAND", o.command, "a command and its arguments")
    ->group("");
  app.positionals_at_end();
}

/// Checks the values read; empty when they are fine.
std::string apply_given(const given_options& given, console_options& o) {
  if (given.admin) {
    auto endpoint = parse_endpoint(*given.admin);
    if (!endpoint)
      return "--admin expects HOST:PORT, e.g. 127.0.0.1:8081, got '"
             + *given.admin + "'";
    o.admin = *endpoint;
  }
  if (given.token) {
    if (given.token->empty())
      return "--token expects the daemon's admin.token, not an empty value";
    o.token = *given.token;
  }
  return {};
}

} // namespace

options_outcome parse_options(const std::vector<std::string>& args,
                              const char* env_token) {
  options_outcome out;
  auto& o = out.options;
  if (env_token != nullptr)
    o.token = env_token;
  given_options given;
  CLI::App app;
  describe(app, o, given);
  try {
    // CLI11 reads the arguments from the back.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    o.help = true;
    return out;
  } catch (const CLI::CallForVersion&) {
    o.version = true;
    return out;
  } catch (const CLI::ParseError& e) {
    out.error = usage_error_line(app, e);
    return out;
  }
  out.error = apply_given(given, o);
  if (!o.command.empty() || o.json)
    o.once = true;
  return out;
}

std::string usage_text() {
  console_options o;
  given_options given;
  CLI::App app;
  describe(app, o, given);
  return app.help();
}

} // namespace hot::console
