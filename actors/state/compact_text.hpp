// A string that costs one pointer in the structure holding it.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace hot {

/// Immutable text in one exact-size heap block (its length first): a
/// std::string is 32 bytes inline and still allocates past 15 characters,
/// and a shard holds one title per tracked article.
class compact_text {
public:
  compact_text() = default;

  explicit compact_text(std::string_view text) {
    assign(text);
  }

  void assign(std::string_view text) {
    if (text.empty()) {
      block_.reset();
      return;
    }
    auto size = static_cast<uint32_t>(text.size());
    block_ = std::make_unique<char[]>(sizeof size + text.size());
    std::memcpy(block_.get(), &size, sizeof size);
    std::memcpy(block_.get() + sizeof size, text.data(), text.size());
  }

  std::string_view view() const {
    if (!block_)
      return {};
    uint32_t size = 0;
    std::memcpy(&size, block_.get(), sizeof size);
    return {block_.get() + sizeof size, size};
  }

private:
  std::unique_ptr<char[]> block_;
};

} // namespace hot
