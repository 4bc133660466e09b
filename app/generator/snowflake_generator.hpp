// Snowflake ids as the reference's generator makes them: time, node, sequence.
#pragma once

#include <cstdint>

#include "messages/snowflake.hpp"

namespace hot::gen {

/// Hands out strictly increasing Snowflake ids for one node: bits 63..22
/// hold milliseconds since `snowflake_epoch_ms`, then the 10-bit node id,
/// then a 12-bit sequence within the millisecond.
class snowflake_generator {
public:
  static constexpr uint32_t max_node_id = 1023;
  static constexpr int64_t max_sequence = 4095;

  /// Only the low 10 bits of `node_id` are used; callers validate it.
  explicit snowflake_generator(uint32_t node_id);

  /// A new id larger than every earlier one. Its instant is `now`, unless
  /// the clock went back or the millisecond's 4096 ids are used up: then it
  /// is the last millisecond used, or the one after it.
  int64_t next(instant now);

  uint32_t node_id() const {
    return node_id_;
  }

  /// The node id bits of any Snowflake.
  static uint32_t node_of(int64_t id);

  /// The sequence bits of any Snowflake.
  static int64_t sequence_of(int64_t id);

private:
  uint32_t node_id_;
  int64_t last_ms_ = -1;
  int64_t sequence_ = 0;
};

} // namespace hot::gen
