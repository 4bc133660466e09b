// SHA-1 of a text, as Redis names a cached script by it.
#include "actors/redis/sha1.hpp"

#include <array>
#include <cstdint>

namespace hot {

namespace {

constexpr size_t block_size = 64;

uint32_t rotl(uint32_t x, int n) {
  return (x << n) | (x >> (32 - n));
}

// One 512-bit block into the running state (FIPS 180-4, 6.1.2).
void compress(std::array<uint32_t, 5>& h, const unsigned char* block) {
  std::array<uint32_t, 80> w{};
  for (size_t t = 0; t < 16; ++t)
    w[t] = uint32_t{block[4 * t]} << 24 | uint32_t{block[4 * t + 1]} << 16
           | uint32_t{block[4 * t + 2]} << 8 | uint32_t{block[4 * t + 3]};
  for (size_t t = 16; t < 80; ++t)
    w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
  auto [a, b, c, d, e] = h;
  for (size_t t = 0; t < 80; ++t) {
    uint32_t f = 0;
    uint32_t k = 0;
    if (t < 20) {
      f = (b & c) | (~b & d);
      k = 0x5a827999;
    } else if (t < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1;
    } else if (t < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8f1bbcdc;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6;
    }
    uint32_t next = rotl(a, 5) + f + e + k + w[t];
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = next;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
}

} // namespace

std::string sha1_hex(std::string_view data) {
  std::array<uint32_t, 5> h{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
                            0xc3d2e1f0};
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  size_t whole = data.size() - data.size() % block_size;
  for (size_t i = 0; i < whole; i += block_size)
    compress(h, bytes + i);
  // The tail, a 1 bit, zeros, and the length in bits: one or two blocks.
  std::array<unsigned char, 2 * block_size> tail{};
  size_t rest = data.size() - whole;
  for (size_t i = 0; i < rest; ++i)
    tail[i] = bytes[whole + i];
  tail[rest] = 0x80;
  size_t tail_size = rest + 1 + 8 <= block_size ? block_size : 2 * block_size;
  auto bits = static_cast<uint64_t>(data.size()) * 8;
  for (size_t i = 0; i < 8; ++i)
    tail[tail_size - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  for (size_t i = 0; i < tail_size; i += block_size)
    compress(h, tail.data() + i);
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(40);
  for (auto word : h)
    for (int shift = 28; shift >= 0; shift -= 4)
      out.push_back(digits[(word >> shift) & 0xf]);
  return out;
}

} // namespace hot
