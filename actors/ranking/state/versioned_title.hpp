// An article's title and the eventId that set it, kept in its day's arena.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "messages/ids.hpp"

namespace hot {

/// Where the titles of one day's articles live: blocks of
/// [length][eventId][characters] back to back in large chunks, freed all
/// at once when the day is sealed. A shard holds a title per tracked
/// article, and a heap block each would cost a header and rounding (a
/// 24-character title took a 48-byte chunk). A replaced title stays until
/// the seal: titles change rarely.
class title_arena {
public:
  /// The stored block, valid until the arena is destroyed.
  const char* store(std::string_view text, event_id version) {
    auto need = header + text.size();
    if (chunks_.empty() || used_ + need > chunk_size_) {
      auto size = std::max(chunk_size_, need);
      chunks_.push_back(std::make_unique<char[]>(size));
      used_ = 0;
    }
    auto* block = chunks_.back().get() + used_;
    auto size = static_cast<uint32_t>(text.size());
    auto raw = version.value();
    std::memcpy(block, &size, sizeof size);
    std::memcpy(block + sizeof size, &raw, sizeof raw);
    if (!text.empty())
      std::memcpy(block + header, text.data(), text.size());
    used_ += need;
    return block;
  }

  static constexpr size_t header = sizeof(uint32_t) + sizeof(int64_t);

private:
  static constexpr size_t chunk_size_ = 64 * 1024;

  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t used_ = 0;
};

/// A title block in a title_arena, or none before the first title.
class versioned_title {
public:
  void assign(title_arena& arena, std::string_view text, event_id version) {
    block_ = arena.store(text, version);
  }

  std::string_view text() const {
    if (block_ == nullptr)
      return {};
    uint32_t size = 0;
    std::memcpy(&size, block_, sizeof size);
    return {block_ + title_arena::header, size};
  }

  /// event_id{} until a title was assigned.
  event_id version() const {
    if (block_ == nullptr)
      return event_id{};
    int64_t raw = 0;
    std::memcpy(&raw, block_ + sizeof(uint32_t), sizeof raw);
    return event_id{raw};
  }

private:
  const char* block_ = nullptr;
};

} // namespace hot
