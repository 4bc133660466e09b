// The project's logger: one line per event, component name first.
#include "common/logger.hpp"

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>

namespace hot::log {

namespace {

int initial_threshold();

} // namespace

std::atomic<int> threshold{initial_threshold()};

namespace {

constexpr std::array<std::string_view, 6> level_names{"trace", "debug", "info",
                                                      "warn",  "error", "off"};

// ISO-8601 UTC with milliseconds, e.g. 2026-11-21T20:32:00.123Z.
std::string utc_timestamp() {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto secs = system_clock::to_time_t(now);
  auto millis = duration_cast<milliseconds>(now.time_since_epoch()) % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::array<char, 32> buf{};
  auto n = std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out(buf.data(), n);
  out += '.';
  auto ms = static_cast<int>(millis.count());
  out += static_cast<char>('0' + ms / 100);
  out += static_cast<char>('0' + ms / 10 % 10);
  out += static_cast<char>('0' + ms % 10);
  out += 'Z';
  return out;
}

// HOT_LOG_LEVEL sets the level before any configuration is read (tests use
// it); the daemon's log.level setting overrides it.
int initial_threshold() {
  if (const char* env = std::getenv("HOT_LOG_LEVEL"))
    if (auto lvl = parse_level(env))
      return static_cast<int>(*lvl);
  return static_cast<int>(level::info);
}

} // namespace

std::optional<level> parse_level(std::string_view text) {
  for (size_t i = 0; i < level_names.size(); ++i)
    if (level_names[i] == text)
      return static_cast<level>(i);
  return std::nullopt;
}

std::string_view to_string(level lvl) {
  return level_names[static_cast<size_t>(lvl)];
}

void set_level(level lvl) {
  threshold.store(static_cast<int>(lvl), std::memory_order_relaxed);
}

level current_level() {
  return static_cast<level>(threshold.load(std::memory_order_relaxed));
}

void write_line(level lvl, std::string_view component, std::string_view text) {
  std::string line = utc_timestamp();
  line += ' ';
  auto name = to_string(lvl);
  line += name;
  line.append(6 - name.size(), ' ');
  line += component;
  line += ": ";
  line += text;
  line += '\n';
  const char* data = line.data();
  size_t left = line.size();
  while (left > 0) {
    auto written = ::write(STDERR_FILENO, data, left);
    if (written <= 0)
      return; // stderr is gone; nothing sensible left to do
    data += written;
    left -= static_cast<size_t>(written);
  }
}

} // namespace hot::log
