// What the HTTP servers refuse once a request's header is read.
#include <catch2/catch.hpp>

#include <string>

#include "app/http/request_checks.hpp"

using namespace hot;

namespace {

constexpr size_t budget = 80 * 1024;

int refused_with(const std::string& method, size_t target_size,
                 std::optional<uint64_t> length = std::nullopt,
                 size_t header_bytes = 100) {
  auto answer = refuse_before_body(
    request_head{method, target_size, length, header_bytes}, budget);
  return answer ? answer->status : 0;
}

} // namespace

TEST_CASE("GET and HEAD within the limits are read on") {
  CHECK(refused_with("GET", 20) == 0);
  CHECK(refused_with("HEAD", 20) == 0);
  CHECK(refused_with("GET", 20, max_body_bytes) == 0);
}

TEST_CASE("other methods of HTTP are refused with 405 and what is allowed, "
          "others are malformed") {
  for (const auto* method : {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    INFO(method);
    auto answer = refuse_before_body(
      request_head{method, 20, uint64_t{1} << 20, 100}, budget);
    REQUIRE(answer);
    CHECK(answer->status == 405);
    CHECK(answer->headers.at(0)
          == std::pair<std::string, std::string>{"Allow", "GET, HEAD"});
    CHECK(nlohmann::json::parse(answer->body)["status"] == 405);
  }
  CHECK(refused_with("BREW", 20) == 400);
  CHECK(refused_with("get", 20) == 400);
}

TEST_CASE("a request line over 8 KiB gets 414, a body over 64 KiB 413, a "
          "request over the budget 431") {
  // "GET " + target + " HTTP/1.1\r\n" is the target and 15 bytes.
  CHECK(refused_with("GET", max_request_line - 15) == 0);
  CHECK(refused_with("GET", max_request_line - 14) == 414);
  CHECK(refused_with("GET", 20, max_body_bytes + 1) == 413);
  CHECK(refused_with("GET", 20, max_body_bytes, budget - max_body_bytes) == 0);
  CHECK(refused_with("GET", 20, max_body_bytes, budget - max_body_bytes + 1)
        == 431);
}
