// The Lua scripts behind the partials: each one atomic in Redis.
#pragma once

#include <string>

namespace hot::partial_scripts {

/// Lua helpers every script starts with: `canonical(x)`, the decimal text
/// of `x` or nil, and `newer(a, b)`, a > b for such texts.
extern const std::string decimals;

/// Lua, after `decimals`: `rebuild(list, reserve, meta, parts, list_size,
/// reserve_size, ttl_ms)` replaces a served list, its reserve and meta
/// with the best of the partials in `parts` ({partial, meta} key pairs);
/// `changes_served(list, reserve, meta, partial, list_size, reserve_size,
/// first)` tells whether a partial's new entries (ARGV triples from
/// `first`) need that rebuild.
extern const std::string rebuild;

/// Every change of a partial (write, edit, seal marker), fenced by the
/// owner epoch, and the merge of the served list.
extern const std::string partial;

/// The fence alone, and the first ranked day where it is missing.
extern const std::string fence;

/// A claim: raises the owner epoch, refused past its deadline.
extern const std::string claim;

} // namespace hot::partial_scripts
