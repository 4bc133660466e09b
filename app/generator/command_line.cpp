// hot-articles-gen's command line: options in, generator options out.
#include "app/generator/command_line.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "app/generator/gen_error.hpp"
#include "app/generator/option_table.hpp"
#include "common/arg_parser.hpp"

namespace hot::gen {

namespace {

void apply_topics(const topic_choice& topics, generator_options& options) {
  std::array<std::string*, 4> fields{&options.article_topic,
                                     &options.comment_topic,
                                     &options.like_topic, &options.view_topic};
  for (size_t i = 0; i < fields.size(); ++i)
    *fields[i] = topics.explicit_names[i] ? *topics.explicit_names[i]
                                          : topics.prefix + *fields[i];
}

/// Breaks `text` at spaces to fit 80 columns from `indent` on, then adds
/// `tail` unbroken, so "[default: 100]" never splits across lines.
std::string wrap(std::string_view text, const std::string& tail,
                 size_t indent) {
  constexpr size_t width = 80;
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
    if (column > indent && column + 1 + word.size() > width) {
      out.append("\n").append(indent, ' ');
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

} // namespace

caf::expected<command_line>
parse_command_line(const std::vector<std::string>& args) {
  auto table = option_table();
  std::vector<arg_spec> specs;
  for (const auto& spec : table)
    specs.push_back(arg_spec{std::string{spec.name}, !spec.value.empty()});
  auto parsed = parse_args(args, specs);
  if (!parsed.error.empty())
    return make_gen_error(gen_errc::invalid_option, parsed.error);
  parse_state st;
  auto& result = st.result;
  result.help = parsed.help;
  result.version = parsed.version;
  if (result.help || result.version)
    return result;
  for (const auto& given : parsed.options)
    if (auto err = table[given.spec].apply(st, given.value))
      return err;
  apply_topics(st.topics, result.options);
  if (result.mock && !result.options.brokers.empty())
    return make_gen_error(gen_errc::invalid_option,
                          "--mock: cannot be combined with --brokers");
  if (!result.mock && result.options.brokers.empty())
    return make_gen_error(gen_errc::invalid_option,
                          "--brokers: required (a bootstrap.servers list such "
                          "as localhost:9092), or use --mock");
  return result;
}

std::string usage_text() {
  constexpr size_t help_column = 28;
  std::string out
    = "usage: hot-articles-gen --brokers LIST [options]\n"
      "       hot-articles-gen --mock [options]\n\n"
      "Produces realistic board traffic (the kuke-board reference's events) "
      "to Kafka.\nExit status: 0 ok, 1 deliveries failed or a run error, 2 "
      "invalid options.\n\noptions:\n";
  for (const auto& spec : option_table()) {
    std::string left = "  --" + std::string{spec.name};
    if (!spec.value.empty())
      left += " " + std::string{spec.value};
    // Help starts in a fixed column; long option names get their own line.
    if (left.size() < help_column)
      left.append(help_column - left.size(), ' ');
    else
      left.append("\n").append(help_column, ' ');
    out += left;
    out += wrap(spec.help,
                spec.fallback.empty() ? std::string{}
                                      : "[default: " + spec.fallback + "]",
                help_column);
    out += '\n';
  }
  return out;
}

} // namespace hot::gen
