// Reading Redis INFO and Prometheus text into numbers.
#include <catch2/catch.hpp>

#include "bench/stats_text.hpp"

using namespace hot::bench;

namespace {

// INFO memory stats cpu commandstats keyspace, as redis-server 7.0.15 answered
// after one EVAL that ran ZADD and SET, and an EXPIRE (lines cut short;
// the CPU section from another start of the same server).
const char* const captured_info
  = "# Memory\r\n"
    "used_memory:1014128\r\n"
    "used_memory_human:990.36K\r\n"
    "used_memory_rss:12419072\r\n"
    "used_memory_peak_perc:100.04%\r\n"
    "used_memory_dataset:137520\r\n"
    "\r\n"
    "# Stats\r\n"
    "total_connections_received:3\r\n"
    "total_commands_processed:4\r\n"
    "instantaneous_ops_per_sec:1\r\n"
    "\r\n"
    "# CPU\r\n"
    "used_cpu_sys:0.011588\r\n"
    "used_cpu_user:0.000000\r\n"
    "used_cpu_sys_children:0.000000\r\n"
    "\r\n"
    "# Commandstats\r\n"
    "cmdstat_zadd:calls=1,usec=21,usec_per_call=21.00,rejected_calls=0,"
    "failed_calls=0\r\n"
    "cmdstat_set:calls=1,usec=2,usec_per_call=2.00,rejected_calls=0,"
    "failed_calls=0\r\n"
    "cmdstat_expire:calls=1,usec=10,usec_per_call=10.00,rejected_calls=0,"
    "failed_calls=0\r\n"
    "cmdstat_eval:calls=1,usec=118,usec_per_call=118.00,rejected_calls=0,"
    "failed_calls=0\r\n"
    "cmdstat_client|setname:calls=12,usec=30,usec_per_call=2.50,"
    "rejected_calls=0,failed_calls=0\r\n"
    "\r\n"
    "# Keyspace\r\n"
    "db0:keys=2,expires=1,avg_ttl=0\r\n";

} // namespace

TEST_CASE("INFO fields are read by name across sections") {
  auto info = parse_info(captured_info);
  CHECK(info_number(info, "used_memory") == 1014128);
  CHECK(info_number(info, "total_commands_processed") == 4);
  CHECK(info.at("used_memory_human") == "990.36K");
  CHECK(info_decimal(info, "used_cpu_sys") == Approx(0.011588));
  CHECK(info_decimal(info, "used_memory") == 1014128.0);
  SECTION("a field that is absent or no whole number reads 0") {
    CHECK(info_decimal(info, "used_cpu_children") == 0);
    CHECK(info_decimal(info, "used_memory_human") == 0);
    CHECK(info_number(info, "used_memory_lua") == 0);
    CHECK(info_number(info, "used_memory_human") == 0);
    CHECK(info_number(info, "used_memory_peak_perc") == 0);
  }
  SECTION("section headers and blank lines are no fields") {
    CHECK(info.count("# Memory") == 0);
    CHECK(info.count("") == 0);
  }
}

TEST_CASE("INFO parts are read from comma-separated values") {
  auto info = parse_info(captured_info);
  CHECK(info_part(info, "db0", "keys") == 2);
  CHECK(info_part(info, "db0", "expires") == 1);
  CHECK(info_part(info, "db0", "avg_ttl") == 0);
  CHECK(info_part(info, "db0", "missing") == 0);
  CHECK(info_part(info, "db1", "keys") == 0);
  CHECK(info_part(info, "cmdstat_eval", "usec") == 118);
}

TEST_CASE("command calls are listed by command name") {
  auto calls = command_calls(parse_info(captured_info));
  CHECK(calls
        == std::map<std::string, int64_t>{{"client|setname", 12},
                                          {"eval", 1},
                                          {"expire", 1},
                                          {"set", 1},
                                          {"zadd", 1}});
  CHECK(command_calls(parse_info("# Stats\nx:1\n")).empty());
}

TEST_CASE("a key's family writes its numeric segments as stars") {
  CHECK(key_family("hot-article::board::7::list::20240131")
        == "hot-article::board::*::list::*");
  CHECK(key_family("hot-article::board::12::partial::20240131::11")
        == "hot-article::board::*::partial::*::*");
  CHECK(key_family("hot-article::list::20240131") == "hot-article::list::*");
  CHECK(key_family("hot-article::sealed-through")
        == "hot-article::sealed-through");
  SECTION("segments that mix digits and letters are kept") {
    CHECK(key_family("a::7b::") == "a::7b::");
    CHECK(key_family("42") == "*");
  }
}

TEST_CASE("a metric's series are summed, labelled or not") {
  const char* const text
    = "# HELP hot_articles_flushes_total Day lists written to Redis.\n"
      "# TYPE hot_articles_flushes_total counter\n"
      "hot_articles_flushes_total 42\n"
      "hot_articles_flushes_total_other 1000\n"
      "hot_articles_consumer_lag{topic=\"board-like\",partition=\"0\"} 5\n"
      "hot_articles_consumer_lag{topic=\"board-like\",partition=\"1\"} "
      "2.5e1 1700000000000\n"
      "hot_articles_consumer_lagged 9\n";
  CHECK(metric_sum(text, "hot_articles_flushes_total") == 42);
  CHECK(metric_sum(text, "hot_articles_consumer_lag") == 30);
  CHECK(metric_sum(text, "hot_articles_board_flushes_total") == 0);
  auto lag = metric_samples(text, "hot_articles_consumer_lag");
  REQUIRE(lag.size() == 2);
  CHECK(lag[0].labels == "{topic=\"board-like\",partition=\"0\"}");
  CHECK(lag[0].value == 5);
  CHECK(lag[1].value == 25);
  REQUIRE(metric_samples(text, "hot_articles_flushes_total").size() == 1);
  CHECK(metric_samples(text, "hot_articles_flushes_total")[0].labels.empty());
}
