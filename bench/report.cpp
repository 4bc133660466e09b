// What a scenario prints.
#include "bench/report.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace hot::bench {

void print(const scenario_report& report, bool json) {
  std::cout << "== " << report.scenario << "\n";
  for (const auto& line : report.lines)
    std::cout << "  " << line << "\n";
  std::cout << "  reproduce: " << report.command << "\n";
  if (json) {
    auto out = report.figures;
    out["scenario"] = report.scenario;
    out["command"] = report.command;
    std::cout << out.dump() << "\n";
  }
  std::cout.flush();
}

spread spread_of(std::vector<double> samples) {
  spread out;
  if (samples.empty())
    return out;
  std::sort(samples.begin(), samples.end());
  auto n = samples.size();
  out.median = n % 2 == 1 ? samples[n / 2]
                          : (samples[n / 2 - 1] + samples[n / 2]) / 2;
  out.min = samples.front();
  out.max = samples.back();
  return out;
}

std::string human(double value) {
  char buf[64];
  if (value >= 1e6)
    std::snprintf(buf, sizeof buf, "%.2f M", value / 1e6);
  else if (value >= 1e3)
    std::snprintf(buf, sizeof buf, "%.1f k", value / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.1f", value);
  return buf;
}

void progress(const std::string& what) {
  std::cerr << "[bench] " << what << std::endl;
}

std::string fixed(double value, int decimals) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(decimals);
  out << value;
  return out.str();
}

} // namespace hot::bench
