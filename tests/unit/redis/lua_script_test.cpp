// SHA-1 against the standard's vectors, and scripts named by it.
#include <catch2/catch.hpp>

#include <string>

#include "actors/redis/lua_script.hpp"
#include "actors/redis/sha1.hpp"

using namespace hot;

TEST_CASE("sha1 matches the published test vectors", "[redis]") {
  CHECK(sha1_hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(sha1_hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(sha1_hex("The quick brown fox jumps over the lazy dog")
        == "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12");
  CHECK(sha1_hex(std::string(1000000, 'a'))
        == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST_CASE("sha1 pads lengths around a block's end", "[redis]") {
  // 55 bytes leave room for the length in the last block, 56 do not.
  auto a = [](size_t n) { return sha1_hex(std::string(n, 'a')); };
  CHECK(a(55) == "c1c8bbdc22796e28c0e15163d20899b65621d65a");
  CHECK(a(56) == "c2db330f6083854c99d4b5bfb6e8f29f201be699");
  CHECK(a(63) == "03f09f5b158a7a8cdad920bddc29b81c18a551f5");
  CHECK(a(64) == "0098ba824b5c16427bd7a1122a5a442a25ec644d");
  CHECK(a(65) == "11655326c708d70319be2610e8a57d9a5b959d3b");
  CHECK(a(119) == "ee971065aaa017e0632a8ca6c77bb3bf8b1dfc56");
  CHECK(a(120) == "f34c1488385346a55709ba056ddd08280dd4c6d6");
}

TEST_CASE("a script is called by its sha1 and its body found by it",
          "[redis]") {
  lua_script script{"return 1"};
  CHECK(script.sha1() == sha1_hex("return 1"));
  CHECK(script.command(2)
        == redis_command{"EVALSHA", script.sha1(), std::string{"2"}});
  const auto* body = lua_script::body_of(script.sha1());
  REQUIRE(body != nullptr);
  CHECK(*body == "return 1");
  CHECK(lua_script::body_of(sha1_hex("return 2")) == nullptr);
}
