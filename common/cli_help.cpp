// The --help text of the CLI11 command lines: usage first, then the options
// with long names first, placeholders, and defaults in brackets.
#include "common/cli_help.hpp"

#include <algorithm>
#include <vector>

namespace hot {

namespace {

constexpr size_t help_column = 28;
constexpr size_t text_width = 80;

} // namespace

std::string wrap_text(std::string_view text, const std::string& tail,
                      size_t indent) {
  std::vector<std::string_view> words;
  for (size_t pos = 0; pos < text.size();) {
    auto end = std::min(text.find(' ', pos), text.size());
    words.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  if (!tail.empty())
    words.emplace_back(tail);
  std::string out;
  size_t column = indent;
  for (auto word : words) {
    if (column > indent && column + 1 + word.size() > text_width) {
      out.append("\n");
      column = indent;
    } else if (column > indent) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
  }
  return out;
}

help_layout::help_layout(std::string usage) : usage_(std::move(usage)) {
  column_width(help_column);
}

std::string help_layout::make_help(const CLI::App* app, std::string,
                                   CLI::AppFormatMode mode) const {
  std::string out = usage_ + "\n";
  if (!app->get_description().empty())
    out += "\n" + app->get_description() + "\n";
  out += make_positionals(app);
  // CLI11 ends every group but the last with a blank line: a hidden group
  // (positionals left to the usage line) would leave one more.
  auto groups = make_groups(app, mode);
  while (groups.size() > 1 && groups.compare(groups.size() - 2, 2, "\n\n") == 0)
    groups.pop_back();
  out += groups;
  if (!app->get_footer().empty())
    out += "\n" + app->get_footer() + "\n";
  return out;
}

std::string help_layout::make_option_name(const CLI::Option* option,
                                          bool is_positional) const {
  if (is_positional)
    return option->get_name(true, false);
  // "--version, -V": the long name is the one the text speaks of.
  std::string out;
  for (const auto& name : option->get_lnames())
    out += (out.empty() ? "--" : ", --") + name;
  for (const auto& name : option->get_snames())
    out += (out.empty() ? "-" : ", -") + name;
  return out;
}

std::string help_layout::make_option_opts(const CLI::Option* option) const {
  if (option->get_type_size() == 0 || option->get_option_text().empty())
    return {};
  return " " + option->get_option_text();
}

std::string help_layout::make_option_desc(const CLI::Option* option) const {
  const auto& fallback = option->get_default_str();
  return wrap_text(option->get_description(),
                   fallback.empty() ? std::string{}
                                    : "[default: " + fallback + "]",
                   help_column);
}

std::shared_ptr<help_layout> make_help_layout(std::string usage) {
  return std::make_shared<help_layout>(std::move(usage));
}

void add_help_and_version(CLI::App& app, const std::string& help_text) {
  app.set_help_flag();
  app
    .add_flag_callback(
      "-h,--help", [] { throw CLI::CallForHelp(); }, help_text)
    ->trigger_on_parse();
  app
    .add_flag_callback(
      "-V,--version", [] { throw CLI::CallForVersion(); },
      "print the version and exit")
    ->trigger_on_parse();
}

} // namespace hot
