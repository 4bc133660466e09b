// CLI11's parse errors in the words every binary uses: one line naming the
// option, "did you mean --rate?" for a near miss.
#include "common/cli_errors.hpp"

#include <charconv>
#include <string_view>
#include <vector>

#include "common/spelling.hpp"

namespace hot {

namespace {

/// What `not_an_option` says; CLI11 puts "--name: " in front of it.
constexpr std::string_view needs_a_value = "needs a value";

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size()
         && s.substr(s.size() - suffix.size()) == suffix;
}

/// "--rtae" for "--rtae=1", "-x" for "-x".
std::string option_as_given(const std::string& arg) {
  return arg.substr(0, arg.find('='));
}

std::string unknown_option(const CLI::App& app, const std::string& arg) {
  auto shown = option_as_given(arg);
  auto name = shown.substr(shown.find_first_not_of('-'));
  std::vector<std::string> known;
  for (const auto* option : app.get_options())
    for (const auto& long_name : option->get_lnames())
      known.push_back(long_name);
  return unknown_option_line(shown, name, known);
}

/// The first argument CLI11 did not place: an option it does not know, or
/// an operand where none is taken.
std::string extra_argument(const CLI::App& app, const CLI::ParseError& error,
                           const std::string& operand_hint) {
  auto extras = app.remaining();
  if (extras.empty())
    return error.what();
  const auto& first = extras.front();
  if (first.size() > 1 && first[0] == '-' && first != "--")
    return unknown_option(app, first);
  return "unexpected argument \"" + first + "\" (" + operand_hint + ")";
}

/// CLI11 names the option in its ArgumentMismatch text: "--rate: 1
/// required TEXT missing" or "mock was given a disallowed flag override".
std::string argument_mismatch(const std::string& text) {
  constexpr std::string_view flag_override
    = " was given a disallowed flag override";
  if (ends_with(text, flag_override)) {
    auto name = text.substr(0, text.size() - flag_override.size());
    return (starts_with(name, "-") ? name : "--" + name) + " takes no value";
  }
  auto colon = text.find(": ");
  if (colon != std::string::npos && ends_with(text, " missing")
      && text.find(" required ", colon) != std::string::npos)
    return text.substr(0, colon) + " needs a value";
  return text;
}

} // namespace

std::string usage_error_line(const CLI::App& app, const CLI::ParseError& error,
                             const std::string& operand_hint) {
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr)
    return extra_argument(app, error, operand_hint);
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr)
    return argument_mismatch(error.what());
  std::string text = error.what();
  // "--brokers: needs a value" from not_an_option, worded as CLI11's own.
  auto colon = text.find(": ");
  if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr
      && colon != std::string::npos
      && std::string_view{text}.substr(colon + 2) == needs_a_value)
    return text.erase(colon, 1);
  return text;
}

CLI::Validator expecting(std::string what,
                         std::function<bool(const std::string&)> accepts) {
  return CLI::Validator(
    [what, accepts = std::move(accepts)](std::string& text) {
      return accepts(text) ? std::string{}
                           : "expected " + what + ", got '" + text + "'";
    },
    "");
}

CLI::Validator not_an_option() {
  return CLI::Validator(
    [](std::string& text) {
      return starts_with(text, "--") ? std::string{needs_a_value}
                                     : std::string{};
    },
    "");
}

CLI::Validator whole_number(uint64_t min, uint64_t max, std::string what) {
  CLI::Range in_range{min, max};
  return expecting(std::move(what), [in_range](const std::string& text) {
    // from_chars refuses what does not fit; CLI11's own reading saturates.
    uint64_t value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end)
      return false;
    auto copy = text;
    return in_range(copy).empty();
  });
}

} // namespace hot
