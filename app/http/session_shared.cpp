// What the connections of one HTTP server share.
#include "app/http/session_shared.hpp"

namespace hot {

void session_shared::add(const std::shared_ptr<http_session>& session) {
  std::lock_guard<std::mutex> guard{mutex_};
  open_.emplace(session.get(), session);
}

void session_shared::remove(const http_session* session) {
  std::lock_guard<std::mutex> guard{mutex_};
  open_.erase(session);
}

std::vector<std::shared_ptr<http_session>> session_shared::open_sessions() {
  std::lock_guard<std::mutex> guard{mutex_};
  std::vector<std::shared_ptr<http_session>> out;
  for (auto& [ptr, weak] : open_)
    if (auto session = weak.lock())
      out.push_back(std::move(session));
  return out;
}

} // namespace hot
