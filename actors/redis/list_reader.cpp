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
  std::vector<std::vector<redis_command>> reads;
  for (auto day : days)
    reads.push_back(list_read(day));
  return read_lists(reads);
}

caf::expected<std::vector<listed_article>>
list_reader::read_board(board_id board, day_key day) {
  auto lists = read_board_days(board, {day});
  if (!lists)
    return lists.error();
  return std::move(lists->front());
}

caf::expected<std::vector<std::vector<listed_article>>>
list_reader::read_board_days(board_id board, const std::vector<day_key>& days) {
  std::vector<std::vector<redis_command>> reads;
  for (auto day : days)
    reads.push_back(board_list_read(board, day));
  return read_lists(reads);
}

caf::expected<std::vector<active_board>>
list_reader::read_active_boards(day_key day, size_t n) {
  if (n == 0)
    return std::vector<active_board>{};
  auto replies = exchange({active_boards_read(day, n)});
  if (!replies)
    return replies.error();
  auto counts = parse_active_boards(*replies->front());
  if (!counts)
    return counts.error();
  // A board's list is list-size articles at most, its meta a few more: the
  // whole read costs little and picks the best by the lists' own rule.
  std::vector<std::vector<redis_command>> reads;
  for (const auto& c : *counts)
    reads.push_back(board_list_read(c.board, day));
  auto lists = read_lists(reads);
  if (!lists)
    return lists.error();
  std::vector<active_board> out;
  for (size_t i = 0; i < counts->size(); ++i) {
    active_board b{(*counts)[i].board, (*counts)[i].articles, std::nullopt};
    if (!(*lists)[i].empty())
      b.top = std::move((*lists)[i].front());
    out.push_back(std::move(b));
  }
  return out;
}

caf::expected<std::vector<std::vector<listed_article>>>
list_reader::read_lists(const std::vector<std::vector<redis_command>>& reads) {
  std::vector<std::vector<listed_article>> out;
  if (reads.empty())
    return out;
  std::vector<redis_command> commands;
  std::vector<size_t> exec_at;
  for (const auto& read : reads) {
    commands.insert(commands.end(), read.begin(), read.end());
    // Each read ends with its EXEC.
    exec_at.push_back(commands.size() - 1);
  }
  auto replies = exchange(commands);
  if (!replies)
    return replies.error();
  for (auto at : exec_at) {
    auto list = parse_list_read(*(*replies)[at]);
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
