// Snowflake ids as the reference's generator makes them: time, node, sequence.
#include "app/generator/snowflake_generator.hpp"

#include <algorithm>

namespace hot::gen {

namespace {

constexpr int node_shift = 12;

} // namespace

snowflake_generator::snowflake_generator(uint32_t node_id)
  : node_id_(node_id & max_node_id) {
}

int64_t snowflake_generator::next(instant now) {
  // Before the epoch the time bits would go negative: pin them at zero.
  auto ms
    = std::max<int64_t>(0, now.time_since_epoch().count() - snowflake_epoch_ms);
  if (ms > last_ms_) {
    last_ms_ = ms;
    sequence_ = 0;
  } else if (sequence_ < max_sequence) {
    // Same millisecond, or the clock stepped back: stay on the last one so
    // ids keep increasing.
    ++sequence_;
  } else {
    // The millisecond is exhausted; borrow the next one instead of waiting,
    // which keeps the generator free of sleeps.
    ++last_ms_;
    sequence_ = 0;
  }
  return (last_ms_ << snowflake_time_shift)
         | (static_cast<int64_t>(node_id_) << node_shift) | sequence_;
}

uint32_t snowflake_generator::node_of(int64_t id) {
  return static_cast<uint32_t>((id >> node_shift) & max_node_id);
}

int64_t snowflake_generator::sequence_of(int64_t id) {
  return id & max_sequence;
}

} // namespace hot::gen
