// libFuzzer target for internal records. Beyond "no crash, no sanitizer
// report", a record it accepts must be canonical: encoding the event again
// gives back the very bytes it read.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "messages/decode_error.hpp"
#include "messages/event_decoder.hpp"
#include "messages/internal_record.hpp"

namespace {

void check(bool condition) {
  if (!condition)
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static hot::event_decoder json;
  std::string_view input{reinterpret_cast<const char*>(data), size};
  auto result = hot::decode_internal_record(input, json);
  if (!result) {
    check(hot::decode_errc_of(result.error()).has_value());
    check(!hot::describe(result.error()).empty());
    return 0;
  }
  check(result->count >= 0);
  check(result->id.value() > 0 && result->article.value() > 0);
  if (!input.empty()
      && static_cast<uint8_t>(input.front()) != hot::internal_record_version)
    return 0; // a JSON copy: the decoder's own target checks those
  check(hot::encode_internal_record(*result) == input);
  return 0;
}
