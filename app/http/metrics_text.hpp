// /metrics: the latest actor figures in Prometheus' text format.
#pragma once

#include <string>

#include "actors/introspection/stats_board.hpp"
#include "actors/kafka/dead_letter.hpp"

namespace hot {

/// Events by topic and outcome, rejections by reason, lag and credits per
/// partition, Redis writes and errors, shard and day gauges, and mailbox
/// depth per actor kind. Counters restart when their actor does (a
/// revoked partition's actor is new when it returns).
std::string render_metrics(const stats_snapshot& snapshot);

/// hot_articles_dead_letters_total by outcome: produced, failed, dropped.
std::string render_dead_letter_metrics(const dead_letter_counts& counts);

} // namespace hot
