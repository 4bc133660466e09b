// The Lua scripts behind the partials: each one atomic in Redis.
#pragma once

#include <string>

#include "actors/redis/lua_script.hpp"

namespace hot::partial_scripts {

/// Lua helpers every script starts with: `canonical(x)`, the decimal text
/// of `x` or nil, and `newer(a, b)`, a > b for such texts.
extern const std::string decimals;

/// Lua, after `decimals`: `rebuild(list, reserve, meta, parts, list_size,
/// reserve_size, ttl_ms)` replaces a served list, its reserve and meta
/// with the best of the partials in `parts` ({partial, meta} key pairs).
extern const std::string rebuild;

/// Every change of a partial (write, edit, seal marker), fenced by the
/// owner epoch, and the merge of the served list.
const lua_script& partial();

/// The fence alone, and the first ranked day where it is missing.
const lua_script& fence();

/// A claim: raises the owner epoch, refused past its deadline.
const lua_script& claim();

} // namespace hot::partial_scripts
