// Reads day lists from Redis for the HTTP threads.
#include "app/daemon/list_reader.hpp"

namespace hot {

namespace {

/// Beyond this, connections of a burst are closed after use.
constexpr size_t max_idle = 8;

} // namespace

list_reader::list_reader(redis_settings settings)
  : settings_(std::move(settings)) {
}

caf::expected<redis_connection> list_reader::borrow() {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
  }
  return redis_connection::open(settings_);
}

void list_reader::give_back(redis_connection conn) {
  if (conn.broken())
    return;
  std::lock_guard<std::mutex> guard{mutex_};
  if (idle_.size() < max_idle)
    idle_.push_back(std::move(conn));
}

caf::expected<std::vector<listed_article>> list_reader::read(day_key day) {
  return run(list_read(day));
}

caf::expected<std::vector<listed_article>>
list_reader::read_reserve(day_key day) {
  return run(reserve_read(day));
}

caf::expected<std::vector<listed_article>>
list_reader::run(const std::vector<redis_command>& commands) {
  auto conn = borrow();
  if (!conn)
    return conn.error();
  for (const auto& command : commands)
    conn->append(command);
  auto replies = conn->exchange();
  if (!replies)
    return replies.error();
  auto list = parse_list_read(*replies->back());
  give_back(std::move(*conn));
  return list;
}

caf::error list_reader::ping() {
  auto conn = borrow();
  if (!conn)
    return conn.error();
  auto reply = conn->call({"PING"});
  if (!reply)
    return reply.error();
  give_back(std::move(*conn));
  return caf::none;
}

} // namespace hot
