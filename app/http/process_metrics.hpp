// The usual process metrics, read from /proc at each scrape.
#pragma once

#include <optional>
#include <string>

namespace hot {

struct process_figures {
  double cpu_seconds = 0;
  double resident_bytes = 0;
  double virtual_bytes = 0;
  double start_time_seconds = 0;
  double open_fds = 0;
  double max_fds = 0;
};

/// Nothing when /proc cannot be read (not Linux, or a sandbox).
std::optional<process_figures> read_process_figures();

/// `process_cpu_seconds_total`, `process_resident_memory_bytes`,
/// `process_virtual_memory_bytes`, `process_start_time_seconds`,
/// `process_open_fds` and `process_max_fds`, named as Prometheus' client
/// libraries name them so that stock dashboards work.
std::string render_process_metrics(const process_figures& figures);

} // namespace hot
