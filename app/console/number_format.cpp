// Figures as an operator reads them: rates, percentages, latencies, ages.
#include "app/console/number_format.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace hot::console {

namespace {

std::string printed(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

double no_negative_zero(double value) {
  return std::fabs(value) < 0.05 ? 0.0 : value;
}

} // namespace

std::string rate_text(double per_second) {
  return decimal_text(per_second) + "/s";
}

std::string decimal_text(double value) {
  return printed("%.1f", no_negative_zero(value));
}

std::string percent_text(double fraction) {
  return printed("%.1f%%", no_negative_zero(fraction * 100.0));
}

std::string micros_text(int64_t micros) {
  auto ms = static_cast<double>(micros) / 1000.0;
  if (ms < 10.0)
    return printed("%.2f ms", ms);
  if (ms < 1000.0)
    return printed("%.0f ms", ms);
  return printed("%.1f s", ms / 1000.0);
}

std::string duration_text(double seconds) {
  auto s = static_cast<int64_t>(std::max(0.0, seconds));
  char buf[64];
  if (s < 60)
    std::snprintf(buf, sizeof buf, "%llds", static_cast<long long>(s));
  else if (s < 3600)
    std::snprintf(buf, sizeof buf, "%lldm%02llds",
                  static_cast<long long>(s / 60),
                  static_cast<long long>(s % 60));
  else if (s < 86400)
    std::snprintf(buf, sizeof buf, "%lldh%02lldm",
                  static_cast<long long>(s / 3600),
                  static_cast<long long>(s % 3600 / 60));
  else
    std::snprintf(buf, sizeof buf, "%lldd%02lldh",
                  static_cast<long long>(s / 86400),
                  static_cast<long long>(s % 86400 / 3600));
  return buf;
}

std::string age_text(int64_t then_ms, int64_t now_ms) {
  if (then_ms == 0)
    return "never";
  auto age_ms = now_ms - then_ms;
  constexpr int64_t month_ms = int64_t{30} * 86'400'000;
  // A little in the future is clock skew between the daemon and us.
  if (age_ms < -5'000 || age_ms > month_ms)
    return utc_text(then_ms);
  if (age_ms < 60'000)
    return printed("%.1fs ago",
                   static_cast<double>(std::max<int64_t>(age_ms, 0)) / 1000.0);
  return duration_text(static_cast<double>(age_ms) / 1000.0) + " ago";
}

int64_t now_epoch_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
           std::chrono::system_clock::now().time_since_epoch())
    .count();
}

std::string utc_text(int64_t epoch_ms) {
  auto seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm parts{};
  if (::gmtime_r(&seconds, &parts) == nullptr)
    return std::to_string(epoch_ms);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buf;
}

} // namespace hot::console
