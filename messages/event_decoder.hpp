// Decodes a Kafka message value (the reference's JSON envelope) into an event.
#pragma once

#include <memory>
#include <string_view>

#include <caf/expected.hpp>

#include "messages/decode_error.hpp"
#include "messages/event.hpp"

namespace hot {

/// Turns `{"eventId":…,"type":…,"payload":{…}}` into an `event` in one pass
/// (simdjson On-Demand, no DOM). Field order is free, unknown fields are
/// skipped, ids are read as exact int64. Never throws: every failure comes
/// back as a `decode_errc` error whose context names the field.
///
/// Not thread-safe: keep one decoder per partition actor; it reuses its
/// parser and buffer across calls.
class event_decoder {
public:
  event_decoder();
  ~event_decoder();

  event_decoder(const event_decoder&) = delete;
  event_decoder& operator=(const event_decoder&) = delete;
  event_decoder(event_decoder&&) noexcept;
  event_decoder& operator=(event_decoder&&) noexcept;

  caf::expected<event> decode(std::string_view value);

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace hot
