// Keep-alive connections waiting for their next request, on one epoll.
#include "app/http/idle_parker.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "app/http/socket_calls.hpp"

namespace hot {

idle_parker::idle_parker(std::function<void(int)> wake)
  : wake_(std::move(wake)),
    epoll_(::epoll_create1(EPOLL_CLOEXEC)),
    stop_signal_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = stop_signal_.get();
  ::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, stop_signal_.get(), &ev);
  thread_ = std::thread{[this] { run(); }};
}

idle_parker::~idle_parker() {
  stop();
}

void idle_parker::park(int fd, clock::time_point until) {
  std::lock_guard<std::mutex> guard{mutex_};
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP;
  ev.data.fd = fd;
  if (stopped_ || ::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &ev) != 0) {
    close_connection(fd);
    return;
  }
  parked_[fd] = until;
}

void idle_parker::stop() {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    if (stopped_)
      return;
    stopped_ = true;
  }
  uint64_t one = 1;
  (void) !::write(stop_signal_.get(), &one, sizeof one);
  if (thread_.joinable())
    thread_.join();
  std::lock_guard<std::mutex> guard{mutex_};
  for (const auto& [fd, until] : parked_)
    close_connection(fd);
  parked_.clear();
}

void idle_parker::run() {
  std::array<epoll_event, 64> events{};
  std::vector<int> readable;
  for (;;) {
    // Expiry needs no precision: a keep-alive ends within 100 ms of its
    // time.
    int n = ::epoll_wait(epoll_.get(), events.data(),
                         static_cast<int>(events.size()), 100);
    readable.clear();
    {
      std::lock_guard<std::mutex> guard{mutex_};
      if (stopped_)
        return;
      for (int i = 0; i < std::max(n, 0); ++i) {
        int fd = events[static_cast<size_t>(i)].data.fd;
        if (fd == stop_signal_.get() || parked_.erase(fd) == 0)
          continue;
        ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
        readable.push_back(fd);
      }
      close_expired(clock::now());
    }
    // A hang-up is readable too: the worker reads the end and closes.
    for (int fd : readable)
      wake_(fd);
  }
}

void idle_parker::close_expired(clock::time_point now) {
  for (auto it = parked_.begin(); it != parked_.end();) {
    if (it->second <= now) {
      ::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, it->first, nullptr);
      close_connection(it->first);
      it = parked_.erase(it);
    } else {
      ++it;
    }
  }
}

} // namespace hot
