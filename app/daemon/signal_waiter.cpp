// SIGINT/SIGTERM: the first asks for a graceful stop, the second forces one.
#include "app/daemon/signal_waiter.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>

#include "common/logger.hpp"

namespace hot {

namespace {

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  // SIGUSR1 only wakes the waiter thread when the program ends normally.
  sigaddset(&set, SIGUSR1);
  return set;
}

} // namespace

signal_waiter::signal_waiter() {
  auto set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread{[this] { run(); }};
}

signal_waiter::~signal_waiter() {
  shutting_down_ = true;
  pthread_kill(thread_.native_handle(), SIGUSR1);
  thread_.join();
}

void signal_waiter::run() {
  auto set = stop_signals();
  while (true) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0)
      continue;
    if (shutting_down_)
      return;
    if (sig == SIGUSR1)
      continue;
    if (requested_.exchange(true)) {
      HOT_LOG_WARN("daemon", "second " << (sig == SIGINT ? "SIGINT" : "SIGTERM")
                                       << ": exiting now, without draining");
      std::_Exit(130);
    }
    HOT_LOG_INFO("daemon", (sig == SIGINT ? "SIGINT" : "SIGTERM")
                             << ": stopping (drain, final flush, commit); "
                                "send it again to exit at once");
    std::lock_guard<std::mutex> guard{mutex_};
    if (notify_)
      notify_();
  }
}

void signal_waiter::on_stop(std::function<void()> notify) {
  std::lock_guard<std::mutex> guard{mutex_};
  notify_ = std::move(notify);
  // The waiter thread sets `requested_` before it takes the mutex, so a
  // signal is seen either here or there, never by neither.
  if (notify_ && requested_)
    notify_();
}

} // namespace hot
