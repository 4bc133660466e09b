// One pull's valid events held back until the pull ends.
#include "actors/kafka/copy_buffer.hpp"

namespace hot {

void copy_buffer::add(const event& ev, std::string_view value,
                      instant published) {
  candidates_.push_back(copy_candidate{ev.article, ev.type, ev.id, published});
  spans_.emplace_back(bytes_.size(), value.size());
  bytes_.append(value);
}

void copy_buffer::clear() {
  // Keeps the capacity: the next pull is about as large.
  candidates_.clear();
  bytes_.clear();
  spans_.clear();
}

} // namespace hot
