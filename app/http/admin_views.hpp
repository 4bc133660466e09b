// The admin interface's JSON views of the actors' figures.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "actors/introspection/stats_board.hpp"
#include "messages/day_calendar.hpp"
#include "messages/introspection_messages.hpp"
#include "messages/pipeline_messages.hpp"

namespace hot {

/// The orders `top?by=` knows; anything else is refused.
bool is_top_order(const std::string& by);

/// The same, as the refusal lists them.
inline constexpr const char* top_orders_text = "mailbox, rate";

/// The ranking time zone at instant `at`: IANA name, abbreviation and UTC
/// offset (in seconds and as "+09:00").
nlohmann::json time_zone_view(const day_calendar& calendar, instant at);

/// Adds to a view when its figures were taken ("takenEpochMs"), how old
/// they are at `now` ("ageSeconds": the console shows how far they trail
/// Redis), and the zone its times are shown in ("timeZone").
void stamp_view(nlohmann::json& view, const stats_snapshot& s, instant now,
                const nlohmann::json& zone);

/// One actor: name, kind, messages (and per second), busy fraction,
/// mailbox, every figure with its kind and, for counters, its rate, and
/// its kind-specific detail.
nlohmann::json actor_view(const stats_snapshot& s, const actor_stats& a);

/// Every actor, by kind then name.
nlohmann::json actors_view(const stats_snapshot& s);

/// Partitions: topic, partition, position, committed, high watermark, lag,
/// in-flight credits, paused, consumed and its rate.
nlohmann::json partitions_view(const stats_snapshot& s);

/// Shards: articles, pending (before-create) events, tombstones, rates.
nlohmann::json shards_view(const stats_snapshot& s);

/// Live day rankings: day, sealed, top list with scores, last flush.
nlohmann::json rankings_view(const stats_snapshot& s);

/// The Redis writer: connected, writes, latency, errors.
nlohmann::json redis_view(const stats_snapshot& s);

/// The `n` actors with the fullest mailboxes (`by` = "mailbox"; ties by
/// busy fraction) or the highest message rates (`by` = "rate").
nlohmann::json top_view(const stats_snapshot& s, const std::string& by,
                        size_t n);

/// Everything on one screen: throughput, pipeline state, partitions,
/// shards, rankings, Redis, the five fullest mailboxes, and the shards'
/// total of snowflake_mismatches.
nlohmann::json overview_view(const stats_snapshot& s, double uptime_seconds);

nlohmann::json article_state_view(const article_view& a);

} // namespace hot
