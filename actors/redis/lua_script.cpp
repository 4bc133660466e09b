// A Lua script as Redis caches it: its body and the SHA-1 it is run by.
#include "actors/redis/lua_script.hpp"

#include <map>
#include <mutex>
#include <utility>

#include "actors/redis/sha1.hpp"

namespace hot {

namespace {

// Every script of the process by SHA-1. Scripts are few and made once, so
// each body is copied here once and kept: nodes of a map never move, and no
// script's lifetime bounds what a connection may look up.
struct script_registry {
  std::mutex mutex;
  std::map<std::string, std::string, std::less<>> bodies;
};

// Never destroyed: a writer thread may still look a body up while the
// process exits.
script_registry& registry() {
  static auto* instance = new script_registry;
  return *instance;
}

} // namespace

lua_script::lua_script(std::string body)
  : body_(std::move(body)), sha1_(sha1_hex(body_)) {
  auto& r = registry();
  std::lock_guard<std::mutex> guard{r.mutex};
  r.bodies.emplace(sha1_, body_);
}

redis_command lua_script::command(size_t key_count) const {
  return {"EVALSHA", sha1_, std::to_string(key_count)};
}

const std::string* lua_script::body_of(std::string_view sha1) {
  auto& r = registry();
  std::lock_guard<std::mutex> guard{r.mutex};
  auto it = r.bodies.find(sha1);
  return it == r.bodies.end() ? nullptr : &it->second;
}

} // namespace hot
