// What a scenario prints: lines for people, one JSON object for machines.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hot::bench {

struct scenario_report {
  std::string scenario;
  std::string command;
  std::vector<std::string> lines;
  nlohmann::json figures = nlohmann::json::object();
};

/// The lines, the command that reproduces them, and with `json` the
/// figures as the last line of output.
void print(const scenario_report& report, bool json);

/// Median and range of repeated measurements.
struct spread {
  double median = 0;
  double min = 0;
  double max = 0;
};

spread spread_of(std::vector<double> samples);

/// `value` with `decimals` digits after the point.
std::string fixed(double value, int decimals);

/// "2.41 M" style numbers for people.
std::string human(double value);

/// Progress for long steps, on stderr so the report stays clean.
void progress(const std::string& what);

} // namespace hot::bench
