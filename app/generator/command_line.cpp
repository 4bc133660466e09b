// hot-articles-gen's command line: options in, generator options out.
#include "app/generator/command_line.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "app/generator/gen_error.hpp"
#include "app/generator/option_table.hpp"

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
  parse_state st;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "-h")
      arg = "--help";
    if (arg.substr(0, 2) != "--")
      return make_gen_error(gen_errc::invalid_option,
                            "unexpected argument '" + args[i]
                              + "' (options start with --; see --help)");
    auto eq = arg.find('=');
    auto name = arg.substr(2, eq == std::string_view::npos ? arg.npos : eq - 2);
    const option_spec* spec = nullptr;
    for (const auto& candidate : table)
      if (candidate.name == name)
        spec = &candidate;
    if (spec == nullptr)
      return make_gen_error(gen_errc::invalid_option, "unknown option '--"
                                                        + std::string{name}
                                                        + "' (see --help)");
    std::string value;
    if (spec->value.empty()) {
      if (eq != std::string_view::npos)
        return make_gen_error(gen_errc::invalid_option,
                              "--" + std::string{name} + " takes no value");
    } else if (eq != std::string_view::npos) {
      value = std::string{arg.substr(eq + 1)};
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return make_gen_error(gen_errc::invalid_option,
                            "--" + std::string{name} + ": missing value "
                              + std::string{spec->value});
    }
    if (auto err = spec->apply(st, value))
      return err;
  }
  auto& result = st.result;
  if (result.help)
    return result;
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
