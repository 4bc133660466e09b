// Figures as an operator reads them: rates, percentages, latencies, ages.
#pragma once

#include <cstdint>
#include <string>

namespace hot::console {

/// "12.3/s"; rates near zero print as "0.0/s", never "-0.0/s".
std::string rate_text(double per_second);

/// "12.3" with one decimal, no unit (for table columns headed "/S").
std::string decimal_text(double value);

/// A busy fraction (0..1, can exceed 1 for blocking actors) as "12.3%".
std::string percent_text(double fraction);

/// Microseconds as "0.68 ms", "12 ms" or "1.5 s".
std::string micros_text(int64_t micros);

/// Seconds as "45s", "3m05s", "2h03m" or "4d02h".
std::string duration_text(double seconds);

/// How long before `now_ms` the epoch time `then_ms` was: "1.2s ago"; "never"
/// for 0, and the UTC time itself when it is not in the last 30 days (a
/// clock that is off should show, not hide behind a huge age).
std::string age_text(int64_t then_ms, int64_t now_ms);

/// The system clock in epoch milliseconds, for `age_text`.
int64_t now_epoch_ms();

/// Epoch milliseconds as "2026-11-22T07:54:31Z" (UTC).
std::string utc_text(int64_t epoch_ms);

} // namespace hot::console
