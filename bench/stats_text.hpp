// What servers say about themselves in text: Redis's INFO reply and the
// daemon's Prometheus exposition, read into numbers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace hot::bench {

/// INFO's "field:value" lines by field; "# Section" headers and blank
/// lines are skipped, CRLF or LF alike.
using info_fields = std::map<std::string, std::string>;

info_fields parse_info(std::string_view text);

/// A whole-number field ("used_memory"); 0 when absent or not a number.
int64_t info_number(const info_fields& info, const std::string& field);

/// A decimal field ("used_cpu_user"); 0 when absent or not a number.
double info_decimal(const info_fields& info, const std::string& field);

/// One part of a field whose value is "a=1,b=2": "keys" of "db0", "calls"
/// of "cmdstat_eval"; 0 when absent.
int64_t info_part(const info_fields& info, const std::string& field,
                  const std::string& part);

/// Calls of every command Redis counted, by lower-case name without the
/// "cmdstat_" prefix ("eval", "zadd", "client|setname").
std::map<std::string, int64_t> command_calls(const info_fields& info);

/// A key with every segment made of digits only (ids, days, partitions)
/// written "*": "hot-article::board::7::list::20240131" is
/// "hot-article::board::*::list::*".
std::string key_family(std::string_view key);

/// One series of a metric in Prometheus text: its labels as written
/// (`{topic="a"}`, or empty) and its value.
struct metric_sample {
  std::string labels;
  double value = 0;
};

/// Every series of metric `name` in Prometheus text, in order.
std::vector<metric_sample> metric_samples(std::string_view text,
                                          std::string_view name);

/// The sum of every series of metric `name` in Prometheus text, labelled
/// or not; 0 when there is none.
double metric_sum(std::string_view text, std::string_view name);

} // namespace hot::bench
