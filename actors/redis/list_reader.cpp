// Reads day lists from Redis for the HTTP threads.
#include "actors/redis/list_reader.hpp"

namespace hot {

list_reader::list_reader(redis_settings settings, size_t idle_connections)
  : settings_(std::move(settings)), idle_connections_(idle_connections) {
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
  // Beyond this, connections of a burst are closed after use.
  if (idle_.size() < idle_connections_)
    idle_.push_back(std::move(conn));
}

caf::expected<std::vector<listed_article>> list_reader::read(day_key day) {
  auto lists = read_days({day});
  if (!lists)
    return lists.error();
  return std::move(lists->front());
}

caf::expected<std::vector<std::vector<listed_article>>>
list_reader::read_days(const std::vector<day_key>& days) {
  if (days.empty())
    return std::vector<std::vector<listed_article>>{};
  std::vector<redis_command> commands;
  for (auto day : days)
    for (auto& command : list_read(day))
      commands.push_back(std::move(command));
  auto replies = exchange(commands);
  if (!replies)
    return replies.error();
  // Each day's read ends with its EXEC.
  auto per_day = replies->size() / days.size();
  std::vector<std::vector<listed_article>> out;
  for (size_t i = 1; i <= days.size(); ++i) {
    auto list = parse_list_read(*(*replies)[i * per_day - 1]);
    if (!list)
      return list.error();
    out.push_back(std::move(*list));
  }
  return out;
}

caf::expected<sealed_lists> list_reader::read_sealed(day_key day) {
  auto replies = exchange(sealed_read(day));
  if (!replies)
    return replies.error();
  return parse_sealed_read(*replies->back());
}

caf::expected<std::vector<redis_reply>>
list_reader::exchange(const std::vector<redis_command>& commands) {
  auto conn = borrow();
  if (!conn)
    return conn.error();
  for (const auto& command : commands)
    conn->append(command);
  auto replies = conn->exchange();
  if (replies)
    give_back(std::move(*conn));
  return replies;
}

caf::expected<std::optional<day_key>> list_reader::tracked_since() {
  auto replies = exchange({tracked_since_read()});
  if (!replies)
    return replies.error();
  // The same text as sealed-through's: a day key, or nil.
  return parse_sealed_through(*replies->back());
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
