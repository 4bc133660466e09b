// Sole owner of a file descriptor.
#pragma once

#include <unistd.h>

#include <utility>

namespace hot {

/// Closes its descriptor when it goes; movable, not copyable. -1 owns
/// nothing.
class unique_fd {
public:
  unique_fd() = default;

  explicit unique_fd(int fd) : fd_(fd) {
  }

  unique_fd(unique_fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {
  }

  unique_fd& operator=(unique_fd&& other) noexcept {
    if (this != &other)
      reset(std::exchange(other.fd_, -1));
    return *this;
  }

  unique_fd(const unique_fd&) = delete;
  unique_fd& operator=(const unique_fd&) = delete;

  ~unique_fd() {
    reset();
  }

  int get() const {
    return fd_;
  }

  explicit operator bool() const {
    return fd_ >= 0;
  }

  void reset(int fd = -1) {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = fd;
  }

private:
  int fd_ = -1;
};

} // namespace hot
