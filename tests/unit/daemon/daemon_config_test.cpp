// The daemon's settings: what a misconfiguration is told, and where the
// settings came from.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "app/daemon/daemon_config.hpp"

using namespace hot;

namespace {

/// Loads a fresh config from these arguments and environment entries.
struct loaded {
  daemon_config config;
  option_table::outcome outcome;

  loaded(std::vector<std::string> args, std::vector<std::string> env = {}) {
    args.insert(args.begin(), "hot-articles");
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    std::vector<char*> envp;
    for (auto& e : env)
      envp.push_back(e.data());
    envp.push_back(nullptr);
    outcome = config.load(static_cast<int>(argv.size()), argv.data(),
                          envp.data());
  }
};

} // namespace

TEST_CASE("every check names the values it refused") {
  auto error = [](std::vector<std::string> args) {
    return loaded{std::move(args)}.outcome.error;
  };
  CHECK(error({"--redis.retry-min=5s", "--redis.retry-max=1s"})
        == "redis.retry-min=5s must be at most redis.retry-max=1s");
  CHECK(error({"--http.port=9000", "--admin.port=9000", "--admin.host=0.0.0.0",
               "--admin.token=t"})
        == "http.port=9000 and admin.port=9000 must differ on the same host "
           "0.0.0.0");
  CHECK(error({"--kafka.topics.like=a", "--kafka.topics.view=a"})
        == "kafka.topics.*: the four topics must be distinct and not empty, "
           "got article=\"board-article\", comment=\"board-comment\", "
           "like=\"a\", view=\"a\"");
  CHECK(error({"--kafka.dead-letter-topic=board-view"})
        == "kafka.dead-letter-topic=\"board-view\" is also a consumed topic "
           "(kafka.topics.*); it must differ");
  CHECK(error({"--kafka.by-article-topic=board-like"})
        == "kafka.by-article-topic=\"board-like\" is also a consumed topic "
           "(kafka.topics.*); it must differ");
  CHECK(error({"--kafka.by-article-topic=x", "--kafka.dead-letter-topic=x"})
        == "kafka.by-article-topic=\"x\" is also kafka.dead-letter-topic; "
           "they must differ");
  CHECK(error({"--kafka.group-id="})
        == "kafka.group-id=\"\": the consumer group must have a name");
  CHECK_THAT(error({"--admin.host=10.0.0.1"}),
             Catch::StartsWith("admin.host=10.0.0.1 is not a loopback"));
  CHECK(error({"--log.level=loud"})
        == "log.level: expected trace, debug, info, warn, error or off, got "
           "'loud'");
  CHECK(error({"--redis.port=70000"})
        == "--redis.port=70000: expected an integer from 1 to 65535");
}

TEST_CASE("the version is a request, not an option") {
  CHECK(loaded{{"--version"}}.outcome.version);
  CHECK(loaded{{"-V"}}.outcome.version);
  CHECK(loaded{{"--frobnicate"}}.outcome.error
        == "unknown option --frobnicate (see --help)");
  CHECK(loaded{{"--redis.port"}}.outcome.error == "--redis.port needs a value");
  CHECK_THAT(loaded{{}}.config.help(), Catch::Contains("--version, -V"));
}

TEST_CASE("a HOT_ARTICLES_ variable that names no setting is warned about") {
  loaded l{{},
           {"HOT_ARTICLES_REDIS_PROT=7000", "HOT_ARTICLES_REDIS_PORT=7001",
            "HOT_ARTICLES_HTTP_PORT=8090", "HOT_ARTICLES_ADMIN_PORT=8091",
            "HOT_ARTICLES_KAFKA_PROPERTY_CLIENT_ID=x",
            "HOT_ARTICLES_IMAGE=hot-articles:dev", "HOT_ARTICLES_GEN_RATE=5",
            "HOT_ARTICLES_FROBNICATE=1", "OTHER_REDIS_PROT=1"}};
  REQUIRE(l.outcome.error.empty());
  CHECK(l.config.settings.pipeline.redis.port == 7001);
  CHECK(l.outcome.warnings
        == std::vector<std::string>{
          "HOT_ARTICLES_FROBNICATE names no setting and is ignored (the "
          "closest is HOT_ARTICLES_CONFIG_FILE; see --help)",
          "HOT_ARTICLES_REDIS_PROT names no setting and is ignored (did you "
          "mean HOT_ARTICLES_REDIS_PORT?)"});
}

TEST_CASE("the sources of the settings are counted for the startup line") {
  CHECK(loaded{{}}.config.sources() == "defaults");
  loaded l{{"--redis.port=7000", "--http.port=0", "--kafka.property.acks=1"},
           {"HOT_ARTICLES_LOG_LEVEL=warn"}};
  REQUIRE(l.outcome.error.empty());
  CHECK(l.config.sources()
        == "defaults + 3 command-line options + 1 environment variable");
}
