// The few socket calls the guarded HTTP server makes itself.
#pragma once

#include <chrono>
#include <string>

namespace hot {

/// Waits until `fd` is ready for `events` (poll flags); a timeout of zero
/// or less still reports what is ready already.
bool wait_for_socket(int fd, short events, std::chrono::milliseconds timeout);

/// The peer's (or the local) address and port of a connected socket.
void socket_address(int fd, bool peer, std::string& ip, int& port);

/// Shuts both directions down, then closes.
void close_connection(int fd);

/// Closes after reading what the client still sends, for up to a second:
/// closing with unread input sends a reset, which can destroy an answer
/// before the client reads it.
void drain_then_close(int fd);

} // namespace hot
