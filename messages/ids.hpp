// Strong identifier types: an article id can never be passed as an event id.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <caf/meta/type_name.hpp>

namespace hot {

/// An int64 identifier that only compares with identifiers of the same tag.
template <class Tag>
class strong_id {
public:
  constexpr strong_id() = default;
  constexpr explicit strong_id(int64_t value) : value_(value) {
  }

  constexpr int64_t value() const {
    return value_;
  }

  friend constexpr bool operator==(strong_id a, strong_id b) {
    return a.value_ == b.value_;
  }
  friend constexpr bool operator!=(strong_id a, strong_id b) {
    return a.value_ != b.value_;
  }
  friend constexpr bool operator<(strong_id a, strong_id b) {
    return a.value_ < b.value_;
  }
  friend constexpr bool operator>(strong_id a, strong_id b) {
    return a.value_ > b.value_;
  }
  friend constexpr bool operator<=(strong_id a, strong_id b) {
    return a.value_ <= b.value_;
  }
  friend constexpr bool operator>=(strong_id a, strong_id b) {
    return a.value_ >= b.value_;
  }

  friend std::string to_string(strong_id x) {
    return std::to_string(x.value_);
  }

  template <class Inspector>
  friend typename Inspector::result_type inspect(Inspector& f, strong_id& x) {
    return f(caf::meta::type_name(Tag::name), x.value_);
  }

private:
  int64_t value_ = 0;
};

struct article_id_tag {
  static constexpr const char* name = "article_id";
};
struct event_id_tag {
  static constexpr const char* name = "event_id";
};
struct board_id_tag {
  static constexpr const char* name = "board_id";
};

/// The article service's id (a Snowflake in the reference producers).
using article_id = strong_id<article_id_tag>;

/// The envelope's `eventId`: a Snowflake that also orders events.
using event_id = strong_id<event_id_tag>;

using board_id = strong_id<board_id_tag>;

} // namespace hot

namespace std {

template <class Tag>
struct hash<hot::strong_id<Tag>> {
  size_t operator()(hot::strong_id<Tag> x) const noexcept {
    // Snowflakes share their high bits; mix so buckets spread evenly.
    auto v = static_cast<uint64_t>(x.value());
    v ^= v >> 33;
    v *= 0xff51afd7ed558ccdULL;
    v ^= v >> 33;
    return static_cast<size_t>(v);
  }
};

} // namespace std
