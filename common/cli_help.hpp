// The --help text of the CLI11 command lines: usage first, then the options
// with long names first, placeholders, and defaults in brackets.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

namespace hot {

/// Lays out an app's help as:
///
///   <usage>
///
///   <description>
///
///   options:
///     --rate N                events per second; 0 = as fast as possible
///                             [default: 100]
///     --version, -V           print the version and exit
///
///   <footer>
///
/// Descriptions wrap at 80 columns; an option's default_str() is the
/// bracketed default, never split across lines.
class help_layout : public CLI::Formatter {
public:
  explicit help_layout(std::string usage);

  std::string make_help(const CLI::App* app, std::string name,
                        CLI::AppFormatMode mode) const override;
  std::string make_option_name(const CLI::Option* option,
                               bool is_positional) const override;
  std::string make_option_opts(const CLI::Option* option) const override;
  std::string make_option_desc(const CLI::Option* option) const override;

private:
  std::string usage_;
};

/// `-h, --help` and `-V, --version`, each ending the reading where it
/// stands (CLI::CallForHelp, CLI::CallForVersion), wherever it appears.
void add_help_and_version(CLI::App& app, const std::string& help_text);

/// `help_layout` as CLI::App::formatter() takes it.
std::shared_ptr<help_layout> make_help_layout(std::string usage);

/// Breaks `text` at spaces to fit 80 columns from `indent` on, then adds
/// `tail` unbroken, so "[default: 100]" never splits across lines.
std::string wrap_text(std::string_view text, const std::string& tail,
                      size_t indent);

} // namespace hot
