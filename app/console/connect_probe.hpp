// Why a TCP connection fails, in the words operators search for.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace hot::console {

/// Connects to `host`:`port` once and returns strerror of the failure
/// ("Connection refused"), a resolver message, or empty when the connection
/// works or the reason stays unknown. httplib reports every such failure
/// as one "Connection" error and leaves errno at EINPROGRESS, so the
/// console asks again, only after a failure, to say what went wrong.
std::string connect_failure_reason(const std::string& host, uint16_t port,
                                   std::chrono::milliseconds timeout);

} // namespace hot::console
