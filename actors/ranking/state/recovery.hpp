// Where a (re)started pipeline resumes: the last day already final.
#pragma once

#include <chrono>
#include <optional>

#include "messages/day_calendar.hpp"

namespace hot {

/// The day up to which lists are final when the pipeline starts.
///
/// - Redis remembers the last day sealed: every later day is rebuilt from
///   Kafka, so a restart after downtime still finishes the days it missed.
/// - Nothing stored (first start, new Redis): the days whose seal instant
///   has passed by the wall clock.
/// - Either way no further back than the list TTL: older lists are gone.
day_key initial_sealed_through(const day_calendar& calendar,
                               std::optional<day_key> stored, instant now,
                               std::chrono::milliseconds list_ttl);

} // namespace hot
