// An HTTP server that bounds each request in time and size, so slow or
// oversized clients are cut off instead of holding a worker.
#include "app/http/guarded_server.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <memory>

#include "app/http/idle_parker.hpp"
#include "app/http/socket_calls.hpp"

namespace hot {

namespace {

using clock = std::chrono::steady_clock;
using ms = std::chrono::milliseconds;

thread_local request_cut cut_on_this_thread = request_cut::none;
// The status of the last answer written on this thread (0: none).
thread_local int answered_status = 0;
// When the connection this thread serves was accepted.
thread_local clock::time_point accepted_at;
// When the request this thread serves began.
thread_local clock::time_point request_began;

/// httplib's pool, with each connection's accept time handed to the worker
/// that serves it: a connection's first request is timed from its accept,
/// so slow clients queued behind busy workers cannot stack up. Idle
/// keep-alive connections wait in its parker, and come back as new tasks
/// when their next request arrives.
class timed_pool : public httplib::TaskQueue {
public:
  timed_pool(size_t threads, std::function<void(int)> serve)
    : pool_(threads), parker_([this, serve = std::move(serve)](int fd) {
        enqueue([serve, fd] { serve(fd); });
      }) {
  }

  void enqueue(std::function<void()> fn) override {
    ++waiting_;
    pool_.enqueue([this, fn = std::move(fn), at = clock::now()] {
      --waiting_;
      accepted_at = at;
      fn();
    });
  }

  /// Connections waiting for a worker.
  int waiting() const {
    return waiting_.load(std::memory_order_relaxed);
  }

  void park(int fd, clock::time_point until) {
    parker_.park(fd, until);
  }

  void shutdown() override {
    parker_.stop();
    pool_.shutdown();
  }

private:
  httplib::ThreadPool pool_;
  std::atomic<int> waiting_{0};
  idle_parker parker_;
};

// As Redis and nginx: the kernel caps it at net.core.somaxconn.
constexpr int listen_backlog = 511;

ms to_ms(time_t sec, time_t usec) {
  return ms{sec * 1000 + usec / 1000};
}

/// A connection's socket with a deadline and a byte budget per request.
/// Reads are buffered: httplib reads request lines a byte at a time.
class guarded_stream : public httplib::Stream {
public:
  guarded_stream(int fd, ms read_timeout, ms write_timeout)
    : fd_(fd), read_timeout_(read_timeout), write_timeout_(write_timeout) {
  }

  void start_request(clock::time_point deadline, size_t budget) {
    deadline_ = deadline;
    budget_ = budget;
    line_ended_ = false;
    written_ = 0;
    cut_on_this_thread = request_cut::none;
  }

  /// Bytes of an answer written for the current request.
  size_t written() const {
    return written_;
  }

  bool is_readable() const override {
    return buffered() > 0 || wait_for_socket(fd_, POLLIN, read_wait());
  }

  bool is_writable() const override {
    return wait_for_socket(fd_, POLLOUT, write_timeout_);
  }

  ssize_t read(char* ptr, size_t size) override {
    if (budget_ == 0) {
      cut_on_this_thread = line_ended_ ? request_cut::too_large
                                       : request_cut::uri_too_long;
      return -1;
    }
    if (buffered() == 0 && !fill())
      return -1;
    auto n = std::min({size, buffered(), budget_});
    std::memcpy(ptr, buffer_.data() + begin_, n);
    line_ended_ = line_ended_ || std::memchr(ptr, '\n', n) != nullptr;
    begin_ += n;
    budget_ -= n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable())
      return -1;
    auto n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
    if (n > 0)
      written_ += static_cast<size_t>(n);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    socket_address(fd_, true, ip, port);
  }

  void get_local_ip_and_port(std::string& ip, int& port) const override {
    socket_address(fd_, false, ip, port);
  }

  socket_t socket() const override {
    return fd_;
  }

  bool has_buffered_input() const {
    return buffered() > 0;
  }

private:
  size_t buffered() const {
    return end_ - begin_;
  }

  // Rounded up: a wait cut short by rounding would end before the
  // deadline it stands for.
  ms read_wait() const {
    auto left = std::chrono::ceil<ms>(deadline_ - clock::now());
    return std::min(read_timeout_, left);
  }

  bool fill() {
    if (!wait_for_socket(fd_, POLLIN, read_wait())) {
      if (clock::now() >= deadline_)
        cut_on_this_thread = request_cut::too_slow;
      return false;
    }
    auto n = ::recv(fd_, buffer_.data(), buffer_.size(), 0);
    if (n <= 0)
      return false;
    begin_ = 0;
    end_ = static_cast<size_t>(n);
    return true;
  }

  int fd_;
  ms read_timeout_;
  ms write_timeout_;
  clock::time_point deadline_;
  size_t budget_ = 0;
  bool line_ended_ = false;
  size_t written_ = 0;
  std::array<char, 4096> buffer_{};
  size_t begin_ = 0;
  size_t end_ = 0;
};

struct cut_answer {
  int status;
  const char* reason;
  const char* message;
};

cut_answer answer_for(request_cut cut) {
  switch (cut) {
    case request_cut::too_slow:
      return {408, "Request Timeout", "request not received in time"};
    case request_cut::uri_too_long:
      return {414, "URI Too Long", "request line too long"};
    default:
      return {431, "Request Header Fields Too Large", "request too large"};
  }
}

// For cuts httplib could not answer (it gives up on a broken request line).
void answer_cut(guarded_stream& strm, request_cut cut) {
  auto a = answer_for(cut);
  auto body = std::string{R"({"error":")"} + a.message + R"(","status":)"
              + std::to_string(a.status) + "}";
  auto text = "HTTP/1.1 " + std::to_string(a.status) + " " + a.reason
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n"
              + body;
  strm.write(text.data(), text.size());
}

class guarded_server : public httplib::Server {
public:
  guarded_server(const http_limits& limits, request_observer observe)
    : limits_(limits) {
    auto threads = limits.threads;
    new_task_queue = [this, threads] {
      // Called as listening starts, on a bound socket. httplib listens
      // with a backlog of 5: 32 clients connecting at once overflowed it,
      // and a client whose handshake was dropped sent its first request
      // into nothing, resending it after TCP's 200 ms timeout, or more.
      ::listen(svr_sock_, listen_backlog);
      pool_ = new timed_pool(threads,
                             [this](int fd) { process_and_close_socket(fd); });
      return pool_;
    };
    set_logger([observe = std::move(observe)](const httplib::Request& req,
                                              const httplib::Response& res) {
      answered_status = res.status;
      if (observe)
        observe(req, res.status, clock::now() - request_began);
    });
  }

private:
  // Replaces httplib's loop: the same keep-alive rules, with a deadline
  // and a byte budget for every request. Called again for a parked
  // connection once its next request arrives.
  bool process_and_close_socket(socket_t sock) override {
    guarded_stream strm{sock, to_ms(read_timeout_sec_, read_timeout_usec_),
                        to_ms(write_timeout_sec_, write_timeout_usec_)};
    auto keep_alive = ms{keep_alive_timeout_sec_ * 1000};
    bool ok = false;
    auto cut = request_cut::none;
    for (auto left = keep_alive_max_count_; left > 0; --left) {
      if (svr_sock_ == INVALID_SOCKET)
        break;
      bool first = left == keep_alive_max_count_;
      // Workers serve requests, not idle connections, and connections take
      // turns: one whose next request is not here yet, or whose worker
      // others are waiting for, goes to the parker. Few workers then
      // serve many clients, and few threads compete for the cores.
      if (!strm.has_buffered_input()
          && ((!first && pool_->waiting() > 0)
              || !wait_for_socket(sock, POLLIN, ms{0}))) {
        pool_->park(sock, clock::now() + keep_alive);
        return ok;
      }
      auto start = first ? accepted_at : clock::now();
      request_began = start;
      strm.start_request(start + limits_.request_timeout,
                         limits_.max_request_bytes);
      bool closed = false;
      answered_status = 0;
      ok = process_request(strm, left == 1, closed, [](httplib::Request&) {});
      cut = cut_on_this_thread;
      if (cut != request_cut::none && strm.written() == 0)
        answer_cut(strm, cut);
      // A cut request leaves the connection in no state to go on.
      if (!ok || closed || cut != request_cut::none
          || answer_ends_connection(answered_status))
        break;
    }
    // Unread bytes at close would reset the connection, and the client
    // could lose the answer written just before.
    if (cut == request_cut::uri_too_long || cut == request_cut::too_large
        || answered_status == 405) {
      drain_then_close(sock);
    } else {
      close_connection(sock);
    }
    return ok;
  }

  http_limits limits_;
  // Made by httplib through new_task_queue; lives while the server listens.
  timed_pool* pool_ = nullptr;
};

} // namespace

request_cut current_request_cut() {
  return cut_on_this_thread;
}

bool answer_ends_connection(int status) {
  return status == 400 || status == 405 || status == 408 || status == 413
         || status == 414 || status == 431;
}

std::unique_ptr<httplib::Server> make_guarded_server(const http_limits& limits,
                                                     request_observer observe) {
  return std::make_unique<guarded_server>(limits, std::move(observe));
}

} // namespace hot
