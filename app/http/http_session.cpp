// One HTTP connection of an http_server, on Beast.
#include "app/http/http_session.hpp"

#include <algorithm>
#include <exception>
#include <string>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "app/http/request_checks.hpp"

namespace hot {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

constexpr auto keep_alive_idle = 5s;
constexpr auto write_timeout = 5s;
/// Closing with unread input sends a reset, which can destroy an answer
/// before the client reads it: what the client still sends is read, up to
/// a point, first.
constexpr auto drain_time = 1s;
constexpr size_t drain_bytes = 4 * 1024 * 1024;
constexpr size_t read_chunk = 8192;

bool client_went_away(beast::error_code ec) {
  return ec == http::error::end_of_stream || ec == http::error::partial_message
         || ec == net::error::eof || ec == net::error::connection_reset
         || ec == net::error::broken_pipe
         || ec == net::error::operation_aborted;
}

/// A route that throws gets its client a 500, not the process ended.
template <class Route>
auto or_failed(const Route& route) -> decltype(route()) {
  try {
    return route();
  } catch (const std::exception&) {
    return error_answer(500, "request failed");
  }
}

} // namespace

http_session::http_session(tcp::socket socket, session_shared& shared)
  : shared_(shared),
    stream_(std::move(socket)),
    deadline_(stream_.get_executor()) {
}

http_session::~http_session() {
  shared_.remove(this);
}

void http_session::start() {
  // A connection's first request is timed from its accept: one that never
  // sends a byte gets its 408 too.
  began_ = clock::now();
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->start_request();
    self->read_first_bytes();
  });
}

void http_session::stop() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->stopping_ = true;
    if (self->idle_)
      self->stream_.cancel();
  });
}

void http_session::wait_for_request() {
  if (stopping_) {
    close_now();
    return;
  }
  if (buffer_.size() > 0) {
    began_ = clock::now();
    start_request();
    read_header();
    return;
  }
  // The keep-alive time is tcp_stream's deadline, which closes the socket
  // when it passes, as it should here.
  stream_.expires_after(keep_alive_idle);
  read_first_bytes();
}

void http_session::read_first_bytes() {
  idle_ = true;
  stream_.async_read_some(buffer_.prepare(read_chunk),
                          beast::bind_front_handler(
                            &http_session::on_first_bytes, shared_from_this()));
}

void http_session::on_first_bytes(beast::error_code ec, size_t n) {
  idle_ = false;
  if (ec) {
    if (deadline_.passed())
      answer_failed_read(ec);
    else
      close_now();
    return;
  }
  buffer_.commit(n);
  // A next request's time runs from its first byte.
  if (!deadline_.armed()) {
    began_ = clock::now();
    start_request();
  }
  read_header();
}

void http_session::start_request() {
  stream_.expires_never();
  parser_.reset();
  request_ = http_request{};
  status_ = 0;
  deadline_.arm(began_ + shared_.limits.request_timeout, stream_.socket(),
                shared_from_this());
}

void http_session::read_header() {
  parser_.emplace();
  parser_->header_limit(static_cast<uint32_t>(
    std::min<size_t>(shared_.limits.max_request_bytes, UINT32_MAX)));
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&http_session::on_header,
                                                    shared_from_this()));
}

void http_session::on_header(beast::error_code ec, size_t header_bytes) {
  if (ec) {
    answer_failed_read(ec);
    return;
  }
  const auto& req = parser_->get();
  std::string method{req.method_string()};
  std::string_view target{req.target().data(), req.target().size()};
  request_ = http_request::from_target(method, target);
  std::optional<uint64_t> length;
  if (auto announced = parser_->content_length())
    length = *announced;
  request_head head{method, target.size(), length, header_bytes};
  if (auto refusal = refuse_before_body(head,
                                        shared_.limits.max_request_bytes)) {
    finish_reading();
    send(std::move(*refusal));
    return;
  }
  for (const auto& field : req)
    request_.headers.emplace_back(std::string{field.name_string()},
                                  std::string{field.value()});
  if (parser_->is_done()) {
    finish_reading();
    answer_request();
    return;
  }
  parser_->body_limit(std::min<uint64_t>(
    max_body_bytes, body_budget(head, shared_.limits.max_request_bytes)));
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&http_session::on_body,
                                             shared_from_this()));
}

void http_session::on_body(beast::error_code ec, size_t) {
  if (ec) {
    answer_failed_read(ec);
    return;
  }
  finish_reading();
  answer_request();
}

void http_session::finish_reading() {
  deadline_.disarm();
}

void http_session::answer_failed_read(beast::error_code ec) {
  finish_reading();
  if (deadline_.passed()) {
    send(error_answer(408, "request not received in time"));
  } else if (ec == http::error::header_limit) {
    // The parser takes the request line as soon as it ends: without a
    // target, and with no line end among the bytes read, the line itself
    // was too long.
    const auto* data = static_cast<const char*>(buffer_.data().data());
    bool line_ended = !parser_->get().target().empty()
                      || std::find(data, data + buffer_.size(), '\n')
                           != data + buffer_.size();
    send(line_ended ? error_answer(431, "request too large")
                    : error_answer(414, "request line too long"));
  } else if (ec == http::error::body_limit) {
    send(error_answer(413, "request too large"));
  } else if (client_went_away(ec)) {
    close_now();
  } else {
    send(error_answer(400, "malformed request"));
  }
}

void http_session::answer_request() {
  if (shared_.routes.answer_at_once) {
    auto at_once
      = or_failed([&] { return shared_.routes.answer_at_once(request_); });
    if (at_once) {
      send(std::move(*at_once));
      return;
    }
  }
  // The worker holds the I/O thread's work, so that a stop waits for its
  // answer.
  net::post(shared_.workers,
            [self = shared_from_this(),
             work = net::make_work_guard(stream_.get_executor())]() mutable {
              auto answer = or_failed(
                [&] { return self->shared_.routes.answer(self->request_); });
              auto executor = self->stream_.get_executor();
              net::post(executor, [self = std::move(self),
                                   answer = std::move(answer)]() mutable {
                self->send(std::move(answer));
              });
            });
}

void http_session::send(http_answer answer) {
  bool parsed = parser_ && parser_->is_header_done();
  keep_alive_ = parsed && parser_->get().keep_alive()
                && !answer_ends_connection(answer.status) && !stopping_;
  response_ = {};
  response_.version(parsed ? parser_->get().version() : 11);
  response_.result(static_cast<unsigned>(answer.status));
  response_.set(http::field::content_type, answer.content_type);
  for (auto& [name, value] : answer.headers)
    response_.set(name, value);
  response_.keep_alive(keep_alive_);
  if (keep_alive_)
    response_.set(http::field::keep_alive, "timeout=5");
  if (request_.method == "HEAD") {
    response_.content_length(answer.body.size());
  } else {
    response_.body() = std::move(answer.body);
    response_.prepare_payload();
  }
  status_ = answer.status;
  stream_.expires_after(write_timeout);
  http::async_write(stream_, response_,
                    beast::bind_front_handler(&http_session::on_sent,
                                              shared_from_this()));
}

void http_session::on_sent(beast::error_code ec, size_t) {
  if (shared_.observe)
    shared_.observe(request_, status_, clock::now() - began_);
  if (ec) {
    close_now();
  } else if (!keep_alive_) {
    drain_then_close();
  } else {
    wait_for_request();
  }
}

void http_session::drain_then_close() {
  beast::error_code ignored;
  // The server closes first, so TIME_WAIT stays on its side.
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(drain_time);
  buffer_.consume(buffer_.size());
  drained_ = 0;
  drain_some();
}

void http_session::drain_some() {
  stream_.async_read_some(buffer_.prepare(16 * 1024),
                          beast::bind_front_handler(&http_session::on_drained,
                                                    shared_from_this()));
}

void http_session::on_drained(beast::error_code ec, size_t n) {
  drained_ += n;
  if (ec || drained_ >= drain_bytes)
    close_now();
  else
    drain_some();
}

void http_session::close_now() {
  // A pending deadline would keep the session, and a stop, waiting for it.
  finish_reading();
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_.close();
}

} // namespace hot
