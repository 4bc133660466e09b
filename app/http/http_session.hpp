// One HTTP connection of an http_server, on Beast: reads each request
// within its deadline and limits, has it answered, writes the answer, and
// waits for the next one without holding a thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "app/http/http_server.hpp"
#include "app/http/request_deadline.hpp"
#include "app/http/session_shared.hpp"

namespace hot {

class http_session : public std::enable_shared_from_this<http_session> {
public:
  http_session(boost::asio::ip::tcp::socket socket, session_shared& shared);
  ~http_session();

  /// Reads the first request, timed from now (the accept), on the
  /// connection's own I/O thread.
  void start();

  /// From any thread: an idle connection closes now; one with a request
  /// under way closes after its answer.
  void stop();

private:
  using clock = std::chrono::steady_clock;

  void wait_for_request();
  /// Waits for a request's first bytes; meanwhile the connection is idle.
  void read_first_bytes();
  void on_first_bytes(boost::beast::error_code ec, size_t n);
  /// Forgets the last request, and starts the next one's deadline from
  /// `began_`.
  void start_request();
  void read_header();
  void on_header(boost::beast::error_code ec, size_t header_bytes);
  void on_body(boost::beast::error_code ec, size_t n);
  void finish_reading();
  void answer_request();
  void answer_failed_read(boost::beast::error_code ec);
  void send(http_answer answer);
  void on_sent(boost::beast::error_code ec, size_t n);
  void drain_then_close();
  void drain_some();
  void on_drained(boost::beast::error_code ec, size_t n);
  void close_now();

  session_shared& shared_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<
    boost::beast::http::request_parser<boost::beast::http::string_body>>
    parser_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  request_deadline deadline_;
  clock::time_point began_;
  http_request request_;
  int status_ = 0;
  size_t drained_ = 0;
  /// Whether the connection stays open after the answer being written.
  bool keep_alive_ = false;
  bool idle_ = false;
  bool stopping_ = false;
};

} // namespace hot
