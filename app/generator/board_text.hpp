// Titles, bodies and comment paths that look like a Korean board's.
#pragma once

#include <cstdint>
#include <string>

#include "app/generator/sim_random.hpp"

namespace hot::gen {

/// Writes the text of the simulated board. Titles mix Hangul, ASCII and
/// the odd quote or backslash, so consumers see JSON escapes and
/// multi-byte UTF-8 as the real board sends them.
class board_text {
public:
  static std::string title(sim_random& random);

  static std::string article_body(sim_random& random, const std::string& title);

  static std::string comment(sim_random& random);

  /// The reference's comment path: 5-character base-62 chunks, one per
  /// depth ("00000", "00000" "00001", ...).
  static std::string path_chunk(uint32_t index);

  /// Depth limit of the reference's comment paths.
  static constexpr size_t max_path_depth = 5;
  static constexpr size_t path_chunk_size = 5;
};

} // namespace hot::gen
