// The Kafka source actor: the group consumer and its partition actors.
#pragma once

#include <caf/all.hpp>

#include "actors/kafka/source_state.hpp"
#include "messages/interfaces.hpp"

namespace hot {

/// Subscribes to the four source topics and the internal topic in the
/// consumer group, so Kafka's group protocol decides which instance reads
/// which partition. A source partition resumes at its committed offset
/// (the start of the oldest open day when none) and copies its events,
/// keyed by article, to the internal topic. An internal partition first
/// gets a ranking task (which claims it in Redis), then starts at the
/// earlier of its committed offset and the start of the task's oldest open
/// day, to rebuild the open days' state. On revoke the partitions drain;
/// a source partition's offsets are committed once its copies are
/// acknowledged, an internal partition's once a barrier stored its
/// effects; only then are they released. Commits the same way every commit
/// interval. It polls only when librdkafka says its queue holds something,
/// so commits never wait behind a poll. Spawn it detached: a revocation
/// waits, inside the poll, for its partitions to drain.
kafka_source_actor::behavior_type
kafka_source(kafka_source_actor::stateful_pointer<kafka_source_state> self,
             kafka_source_setup setup);

} // namespace hot
