// CPU time of other processes: the daemon, the generator, the mock cluster.
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>

namespace hot::bench {

/// A process's CPU time (user + system, all its threads) in seconds, from
/// its CPU-time clock: /proc's ticks of 10 ms would be a good part of a
/// short run.
double cpu_seconds(pid_t pid);

/// CPU seconds of a process's live threads, summed by thread name, from
/// /proc/PID/task/*/stat (in ticks). Threads that ended are missing.
std::map<std::string, double> thread_cpu_by_name(pid_t pid);

/// A child of this process whose name (/proc/PID/comm, at most 15
/// characters) starts with `name`; the lowest id when several do.
std::optional<pid_t> child_named(const std::string& name);

} // namespace hot::bench
