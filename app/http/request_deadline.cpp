// The deadline of the request a connection is reading.
#include "app/http/request_deadline.hpp"

#include <utility>

namespace hot {

request_deadline::request_deadline(const boost::asio::any_io_executor& executor)
  : timer_(executor) {
}

void request_deadline::arm(clock::time_point until,
                           boost::asio::ip::tcp::socket& socket,
                           std::shared_ptr<void> owner) {
  armed_ = true;
  passed_ = false;
  auto round = ++round_;
  timer_.expires_at(until);
  timer_.async_wait([this, &socket, round, owner = std::move(owner)](
                      const boost::system::error_code& ec) {
    if (ec || !armed_ || round_ != round)
      return;
    passed_ = true;
    boost::system::error_code ignored;
    socket.cancel(ignored);
  });
}

void request_deadline::disarm() {
  armed_ = false;
  timer_.cancel();
}

} // namespace hot
