// The console's command line: where the daemon is, and what to print.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/console/admin_client.hpp"

namespace hot::console {

struct console_options {
  admin_endpoint admin;
  std::string token;
  /// Print once and exit instead of the live view (implied by a command or
  /// by --json).
  bool once = false;
  /// Print the daemon's JSON as is.
  bool json = false;
  bool help = false;
  bool version = false;
  /// A command after the options, e.g. {"article", "123"}.
  std::vector<std::string> command;
};

/// Options, or the usage error to print (exit code 2). `env_token` is
/// HOT_ARTICLES_ADMIN_TOKEN; --token wins over it.
struct options_outcome {
  console_options options;
  std::string error;
};
options_outcome parse_options(const std::vector<std::string>& args,
                              const char* env_token);

/// "HOST:PORT" or "[v6]:PORT" as an endpoint.
std::optional<admin_endpoint> parse_endpoint(const std::string& text);

std::string usage_text();

} // namespace hot::console
