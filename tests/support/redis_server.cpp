// A real redis-server on a free loopback port, for the life of a test.
#include "tests/support/redis_server.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "app/error_text.hpp"
#include "tests/support/wait.hpp"

namespace hot::test {

namespace {

uint16_t bind_ephemeral_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot bind a free port");
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

} // namespace

uint16_t free_port() {
  // The kernel may hand out a port it just released again, so a caller
  // asking for a daemon's HTTP and admin ports could get the same one
  // twice. Ports given out once in this process are never given again.
  static std::mutex mutex;
  static std::set<uint16_t> given;
  std::lock_guard<std::mutex> guard{mutex};
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto port = bind_ephemeral_port();
    if (given.insert(port).second)
      return port;
  }
  throw std::runtime_error("no free port that was not given out before");
}

redis_server::redis_server() : port_(free_port()) {
  char pattern[] = "/tmp/hot-redis-XXXXXX";
  dir_ = ::mkdtemp(pattern);
  start();
}

redis_server::~redis_server() {
  stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

redis_settings redis_server::settings() const {
  redis_settings s;
  s.host = "127.0.0.1";
  s.port = port_;
  s.retry_min = std::chrono::milliseconds{20};
  s.retry_max = std::chrono::milliseconds{200};
  s.connect_timeout = std::chrono::milliseconds{500};
  return s;
}

void redis_server::start() {
  if (pid_ > 0)
    return;
  auto port = std::to_string(port_);
  auto dir = dir_.string();
  auto log = (dir_ / "redis.log").string();
  pid_ = ::fork();
  if (pid_ == 0) {
    // The server must not outlive a test process that crashes.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::execlp("redis-server", "redis-server", "--port", port.c_str(), "--bind",
             "127.0.0.1", "--save", "", "--appendonly", "no", "--dir",
             dir.c_str(), "--logfile", log.c_str(), "--loglevel", "warning",
             static_cast<char*>(nullptr));
    ::_exit(127);
  }
  bool up = wait_until(std::chrono::seconds{10}, [this] {
    auto conn = redis_connection::open(settings());
    return conn && conn->call({"PING"});
  });
  if (!up)
    throw std::runtime_error("redis-server did not start on port " + port);
}

void redis_server::stop() {
  if (pid_ <= 0)
    return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

void redis_server::save_snapshot() {
  auto reply = connect().call({"SAVE"});
  if (!reply || (*reply)->type != REDIS_REPLY_STATUS)
    throw std::runtime_error("SAVE failed");
}

void redis_server::forget_snapshot() {
  std::error_code ignored;
  std::filesystem::remove(dir_ / "dump.rdb", ignored);
}

redis_connection redis_server::connect() const {
  auto conn = redis_connection::open(settings());
  if (!conn)
    throw std::runtime_error("cannot connect to the test redis: "
                             + describe_error(conn.error()));
  return std::move(*conn);
}

std::vector<std::pair<std::string, int64_t>>
redis_server::zset(const std::string& key) {
  auto conn = connect();
  auto reply = conn.call({"ZREVRANGE", key, "0", "-1", "WITHSCORES"});
  std::vector<std::pair<std::string, int64_t>> out;
  if (!reply)
    return out;
  for (size_t i = 0; i + 1 < (*reply)->elements; i += 2)
    out.emplace_back(std::string{(*reply)->element[i]->str,
                                 (*reply)->element[i]->len},
                     std::atoll((*reply)->element[i + 1]->str));
  return out;
}

std::map<std::string, std::string> redis_server::hash(const std::string& key) {
  auto conn = connect();
  auto reply = conn.call({"HGETALL", key});
  std::map<std::string, std::string> out;
  if (!reply)
    return out;
  for (size_t i = 0; i + 1 < (*reply)->elements; i += 2)
    out.emplace(std::string{(*reply)->element[i]->str,
                            (*reply)->element[i]->len},
                std::string{(*reply)->element[i + 1]->str,
                            (*reply)->element[i + 1]->len});
  return out;
}

std::optional<std::string> redis_server::get(const std::string& key) {
  auto conn = connect();
  auto reply = conn.call({"GET", key});
  if (!reply || (*reply)->type != REDIS_REPLY_STRING)
    return std::nullopt;
  return std::string{(*reply)->str, (*reply)->len};
}

int64_t redis_server::ttl(const std::string& key) {
  auto conn = connect();
  auto reply = conn.call({"TTL", key});
  return reply ? (*reply)->integer : -3;
}

} // namespace hot::test
