// libFuzzer target for the event decoder. Beyond "no crash, no sanitizer
// report", it checks the decoder's promises on every input it accepts, and
// cross-checks accepted values against nlohmann's independent parser.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "messages/event_decoder.hpp"

namespace {

void check(bool condition) {
  if (!condition)
    std::abort();
}

// When nlohmann also reads the document, both must agree on what they read.
void cross_check(std::string_view input, const hot::event& ev) {
  auto doc = nlohmann::json::parse(input, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return; // simdjson skips unknown fields without validating them fully
  check(doc.at("eventId").get<int64_t>() == ev.id.value());
  check(doc.at("type").get<std::string>() == hot::wire_name(ev.type));
  const auto& payload = doc.at("payload");
  check(payload.at("articleId").get<int64_t>() == ev.article.value());
  if (hot::is_article_event(ev.type) && payload.contains("title")
      && payload.at("title").is_string())
    check(payload.at("title").get<std::string>() == ev.title);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static hot::event_decoder decoder;
  std::string_view input{reinterpret_cast<const char*>(data), size};
  auto result = decoder.decode(input);
  if (!result) {
    // Every failure is classified and describable.
    check(hot::decode_errc_of(result.error()).has_value());
    check(!hot::describe(result.error()).empty());
    return 0;
  }
  const auto& ev = *result;
  check(ev.id.value() > 0);
  check(ev.article.value() > 0);
  check(ev.count >= 0);
  if (hot::is_article_event(ev.type)) {
    const auto& t = ev.created_at;
    check(t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31);
    check(t.hour <= 23 && t.minute <= 59 && t.second <= 59);
    check(t.nanos <= 999'999'999);
  }
  cross_check(input, ev);
  return 0;
}
