// SHA-1 of a text, as Redis names a cached script by it.
#pragma once

#include <string>
#include <string_view>

namespace hot {

/// The SHA-1 digest of `data` (FIPS 180-4) as 40 lowercase hex digits, the
/// form `SCRIPT LOAD` answers and `EVALSHA` takes. Not for security: Redis
/// only uses it to name scripts.
std::string sha1_hex(std::string_view data);

} // namespace hot
