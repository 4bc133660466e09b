// The value of an event copy in the internal topic: the event as stage 1
// decoded it, in a small binary record, so that stage 2 parses no JSON.
#include "messages/internal_record.hpp"

#include <type_traits>

#include "messages/decode_error.hpp"
#include "messages/event_decoder.hpp"

namespace hot {

namespace {

// Integers go little-endian byte by byte: the record reads the same on
// every host, and the compiler turns these loops into plain moves.
template <class T>
void put(std::string& out, T value) {
  auto bits = uint64_t{static_cast<std::make_unsigned_t<T>>(value)};
  for (size_t i = 0; i < sizeof(T); ++i)
    out.push_back(static_cast<char>((bits >> (8 * i)) & 0xffu));
}

class record_reader {
public:
  explicit record_reader(std::string_view bytes) : bytes_(bytes) {
  }

  template <class T>
  T take() {
    uint64_t bits = 0;
    for (size_t i = 0; i < sizeof(T); ++i)
      bits |= uint64_t{static_cast<uint8_t>(bytes_[at_ + i])} << (8 * i);
    at_ += sizeof(T);
    return static_cast<T>(static_cast<std::make_unsigned_t<T>>(bits));
  }

  std::string_view rest() const {
    return bytes_.substr(at_);
  }

private:
  std::string_view bytes_;
  size_t at_ = 0;
};

// JSON copies were the original bytes, which may start with whitespace.
bool is_json_start(char c) {
  return c == '{' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

caf::error malformed(std::string what) {
  return caf::make_error(decode_errc::malformed_record, std::move(what));
}

caf::expected<event> decode_version_1(std::string_view value) {
  if (value.size() < internal_record_fixed_size)
    return malformed("a version-1 record holds at least "
                     + std::to_string(internal_record_fixed_size)
                     + " bytes, this one " + std::to_string(value.size()));
  record_reader in{value.substr(1)};
  event ev;
  auto type = in.take<uint8_t>();
  if (type >= event_type_count)
    return malformed("type " + std::to_string(type) + " names no event");
  ev.type = static_cast<event_type>(type);
  ev.id = event_id{in.take<int64_t>()};
  ev.article = article_id{in.take<int64_t>()};
  // As the JSON decoder demands: a write of a non-positive id would be
  // refused by Redis for the whole partial.
  if (ev.id.value() <= 0 || ev.article.value() <= 0)
    return malformed("ids must be positive, got eventId "
                     + std::to_string(ev.id.value()) + " and articleId "
                     + std::to_string(ev.article.value()));
  ev.board = board_id{in.take<int64_t>()};
  ev.count = in.take<int64_t>();
  if (ev.count < 0)
    return malformed("count " + std::to_string(ev.count) + " is negative");
  auto year = in.take<int32_t>();
  auto month = in.take<uint8_t>();
  auto day = in.take<uint8_t>();
  auto hour = in.take<uint8_t>();
  auto minute = in.take<uint8_t>();
  auto second = in.take<uint8_t>();
  auto nanos = in.take<uint32_t>();
  if (make_local_datetime(year, month, day, hour, minute, second, nanos,
                          ev.created_at)
      != datetime_problem::none)
    return malformed("createdAt is no date-time");
  auto title_size = in.take<uint32_t>();
  auto title = in.rest();
  if (title.size() != title_size)
    return malformed("the title should hold " + std::to_string(title_size)
                     + " bytes, the record has " + std::to_string(title.size())
                     + " after it");
  ev.title.assign(title);
  return ev;
}

} // namespace

void encode_internal_record(const event& ev, std::string& out) {
  out.clear();
  out.reserve(internal_record_fixed_size + ev.title.size());
  put<uint8_t>(out, internal_record_version);
  put<uint8_t>(out, static_cast<uint8_t>(ev.type));
  put<int64_t>(out, ev.id.value());
  put<int64_t>(out, ev.article.value());
  put<int64_t>(out, ev.board.value());
  put<int64_t>(out, ev.count);
  const auto& at = ev.created_at;
  put<int32_t>(out, at.year);
  put<uint8_t>(out, at.month);
  put<uint8_t>(out, at.day);
  put<uint8_t>(out, at.hour);
  put<uint8_t>(out, at.minute);
  put<uint8_t>(out, at.second);
  put<uint32_t>(out, at.nanos);
  put<uint32_t>(out, static_cast<uint32_t>(ev.title.size()));
  out.append(ev.title);
}

caf::expected<event> decode_internal_record(std::string_view value,
                                            event_decoder& json) {
  if (value.empty())
    return malformed("the record is empty");
  auto version = static_cast<uint8_t>(value.front());
  if (version == internal_record_version)
    return decode_version_1(value);
  if (is_json_start(value.front()))
    return json.decode(value);
  return caf::make_error(
    decode_errc::unknown_record_version,
    "version " + std::to_string(version) + " (this build reads version "
      + std::to_string(internal_record_version) + " and JSON copies)");
}

} // namespace hot
