// A partition's batches in flight and the offset up to which all are applied.
#include "actors/kafka/offset_tracker.hpp"

namespace hot {

uint64_t offset_tracker::open(int64_t end, uint32_t parts, uint32_t events) {
  auto seq = next_seq_++;
  batches_.push_back(batch{seq, end, parts});
  events_in_flight_ += events;
  advance();
  return seq;
}

void offset_tracker::complete(uint64_t seq, uint32_t events) {
  events_in_flight_ -= events;
  if (batches_.empty() || seq < batches_.front().seq)
    return;
  auto index = seq - batches_.front().seq;
  if (index >= batches_.size())
    return;
  auto& b = batches_[index];
  if (b.parts_left > 0)
    --b.parts_left;
  advance();
}

void offset_tracker::advance() {
  while (!batches_.empty() && batches_.front().parts_left == 0) {
    frontier_ = batches_.front().end;
    batches_.pop_front();
  }
}

} // namespace hot
