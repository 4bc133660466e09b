// hot-articles-gen's command line: options in, generator options out.
#include "app/generator/command_line.hpp"

#include <array>

#include "app/generator/gen_error.hpp"
#include "app/generator/option_table.hpp"
#include "common/cli_errors.hpp"
#include "common/cli_help.hpp"

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

void describe(CLI::App& app, parse_state& st) {
  app.name("hot-articles-gen");
  app.description(
    "Produces realistic board traffic (the kuke-board reference's events) "
    "to Kafka.\nExit status: 0 ok, 1 deliveries failed or a run error, 2 "
    "invalid options.");
  app.formatter(
    make_help_layout("usage: hot-articles-gen --brokers LIST [options]\n"
                     "       hot-articles-gen --mock [options]\n"
                     "       hot-articles-gen --brokers LIST "
                     "--decode-internal TOPIC"));
  declare_options(app, st);
}

} // namespace

caf::expected<command_line>
parse_command_line(const std::vector<std::string>& args) {
  parse_state st;
  CLI::App app;
  describe(app, st);
  auto& result = st.result;
  try {
    // CLI11 reads the arguments from the back.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    command_line asked;
    asked.help = true;
    return asked;
  } catch (const CLI::CallForVersion&) {
    command_line asked;
    asked.version = true;
    return asked;
  } catch (const CLI::ParseError& e) {
    return make_gen_error(gen_errc::invalid_option, usage_error_line(app, e));
  }
  if (auto err = apply_properties(st))
    return err;
  apply_topics(st.topics, result.options);
  if (result.mock && !result.options.brokers.empty())
    return make_gen_error(gen_errc::invalid_option,
                          "--mock: cannot be combined with --brokers");
  if (!result.decode_internal.empty() && result.mock)
    return make_gen_error(gen_errc::invalid_option,
                          "--decode-internal: reads a running cluster's "
                          "topic; give --brokers instead of --mock");
  if (!result.mock && result.options.brokers.empty())
    return make_gen_error(gen_errc::invalid_option,
                          "--brokers: required (a bootstrap.servers list such "
                          "as localhost:9092), or use --mock");
  return result;
}

std::string usage_text() {
  parse_state st;
  CLI::App app;
  describe(app, st);
  return app.help();
}

} // namespace hot::gen
