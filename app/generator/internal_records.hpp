// Reads the internal topic back as text: its records are binary, so kcat
// alone cannot show them.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>

#include <caf/expected.hpp>

namespace hot {
class event_decoder;
} // namespace hot

namespace hot::gen {

/// One record of the internal topic as one line of text, without the
/// newline: an event's JSON envelope (as the source topics carry it),
/// "watermark TOPIC/PARTITION MS" for a watermark record, or
/// "unreadable: REASON: DETAIL" for anything else.
/// `json` reads copies written before records.
std::string describe_internal_record(std::string_view key,
                                     std::string_view value,
                                     event_decoder& json);

/// What `print_internal_records` needs.
struct internal_dump_options {
  std::string brokers;
  std::string topic;
  /// librdkafka consumer properties, applied last.
  std::map<std::string, std::string> properties;
  /// Given up when no record arrives for this long.
  std::chrono::milliseconds patience = std::chrono::seconds{30};
};

/// Prints every record of the topic, from the start of each partition to
/// its end as of the call, as "PARTITION@OFFSET KEY TEXT" lines (TEXT as
/// `describe_internal_record` gives it), partition by partition in offset
/// order. Returns how many records it printed.
caf::expected<uint64_t>
print_internal_records(const internal_dump_options& options, std::FILE* out);

} // namespace hot::gen
